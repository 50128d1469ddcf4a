import GRDB
import HuanjuDomain

/// One row of `expansions`: a paid expansion ticket (from billing) and when it was applied.
struct ExpansionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "expansions"

    var ticketID: String
    var accountID: String
    var codeID: String
    var groups: Int
    var paidAt: Instant
    var receivedAt: Instant
    /// Nil while pending.
    var appliedAt: Instant?
    /// The billing event that reported it paid.
    var eventID: String

    /// The table's columns, named once.
    enum CodingKeys: String, CodingKey {
        case ticketID = "ticket_id"
        case accountID = "account_id"
        case codeID = "code_id"
        case groups
        case paidAt = "paid_at"
        case receivedAt = "received_at"
        case appliedAt = "applied_at"
        case eventID = "event_id"
    }

    /// The columns queries filter, order or update on.
    enum Columns {
        static let ticketID = Column(CodingKeys.ticketID)
        static let accountID = Column(CodingKeys.accountID)
        static let codeID = Column(CodingKeys.codeID)
        static let paidAt = Column(CodingKeys.paidAt)
        static let appliedAt = Column(CodingKeys.appliedAt)
    }

    /// Whether an operator has applied it.
    var isApplied: Bool { appliedAt != nil }
}
