import GRDB

/// A row of `registration_keys`: `RegisterAccount`'s optional idempotency key and the
/// account it registered, so that a retried registration finds its account.
struct RegistrationKeyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "registration_keys"
    /// Exactly the table's columns, from `CodingKeys` (what `\(columnsOf:)` selects).
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    var idempotencyKey: String
    var accountID: String

    /// The table's columns, for queries too (`OrderRecord.Columns.placedAt`).
    typealias Columns = CodingKeys

    /// The table's columns: the record's coding keys, usable as GRDB column expressions.
    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case idempotencyKey = "idempotency_key"
        case accountID = "account_id"
    }
}
