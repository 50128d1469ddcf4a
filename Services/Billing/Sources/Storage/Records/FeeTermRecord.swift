import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A row of `fee_terms`: one annual-fee term of an account, [start_at, end_at).
struct FeeTermRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "fee_terms"
    /// Exactly the table's columns, from `CodingKeys` (what `\(columnsOf:)` selects).
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    var accountID: String
    /// Unix milliseconds.
    var startAt: Int64
    /// Unix milliseconds, exclusive.
    var endAt: Int64

    /// The table's columns, for queries too (`OrderRecord.Columns.placedAt`).
    typealias Columns = CodingKeys

    /// The table's columns: the record's coding keys, usable as GRDB column expressions.
    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case accountID = "account_id"
        case startAt = "start_at"
        case endAt = "end_at"
    }
}

extension FeeTermRecord {
    /// The row of `term` of account `accountID`.
    init(_ term: FeeTerm, accountID: String) {
        self.init(accountID: accountID, startAt: term.start.unixMilliseconds, endAt: term.end.unixMilliseconds)
    }

    /// The term the row holds.
    func term() throws -> FeeTerm {
        do {
            return try FeeTerm(start: Instant(unixMilliseconds: startAt), end: Instant(unixMilliseconds: endAt))
        } catch {
            throw StoredDataError("fee_terms holds a term of account \(accountID) that is not one: \(error)")
        }
    }
}
