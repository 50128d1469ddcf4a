import GRDB
import HuanjuDomain

/// One row of `fee_terms`: one term [start, end) of an account's annual-fee schedule, as
/// billing last reported it.
struct FeeTermRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "fee_terms"

    var accountID: String
    var startAt: Instant
    /// Exclusive.
    var endAt: Instant

    /// The table's columns, named once.
    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case startAt = "start_at"
        case endAt = "end_at"
    }

    /// The columns queries filter, order or update on.
    enum Columns {
        static let accountID = Column(CodingKeys.accountID)
        static let startAt = Column(CodingKeys.startAt)
    }

    /// The row of `account`'s term `term`.
    init(account: String, term: FeeTerm) {
        accountID = account
        startAt = term.start
        endAt = term.end
    }

    /// The term as the rules see it.
    func domainTerm() throws -> FeeTerm {
        try FeeTerm(start: startAt, end: endAt)
    }
}
