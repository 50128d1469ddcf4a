import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A row of `accounts`: a registered account.
struct AccountRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "accounts"
    /// Exactly the table's columns, from `CodingKeys` (what `\(columnsOf:)` selects).
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    var accountID: String
    /// `AccountKind`'s raw value: `ENTERPRISE` or `INDIVIDUAL`.
    var kind: String
    var displayName: String
    var contact: String
    /// Unix milliseconds.
    var registeredAt: Int64

    /// The table's columns, for queries too (`OrderRecord.Columns.placedAt`).
    typealias Columns = CodingKeys

    /// The table's columns: the record's coding keys, usable as GRDB column expressions.
    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case accountID = "account_id"
        case kind
        case displayName = "display_name"
        case contact
        case registeredAt = "registered_at"
    }
}

extension AccountRecord {
    /// The row of `account`.
    init(_ account: Account) {
        self.init(accountID: account.id, kind: account.kind.rawValue, displayName: account.displayName,
                  contact: account.contact, registeredAt: account.registeredAt.unixMilliseconds)
    }

    /// The account the row holds.
    func account() throws -> Account {
        Account(id: accountID, kind: try StoredDataError.decode(AccountKind.self, kind, in: "accounts.kind"),
                displayName: displayName, contact: contact, registeredAt: Instant(unixMilliseconds: registeredAt))
    }
}
