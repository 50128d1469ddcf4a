import GRDB
import HuanjuDomain

/// One row of `feed_events`: an event of an account's feed. `sequence` orders the whole table
/// (and so each account's feed); `event_id` is unique, so a fact recorded twice is stored once.
struct FeedEventRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "feed_events"

    /// Assigned by SQLite on insert (AUTOINCREMENT: never reused).
    var sequence: Int64?
    var eventID: String
    var accountID: String
    /// `FeedEventKind`'s raw value.
    var kind: String
    var occurredAt: Instant
    var recordedAt: Instant
    var codeID: String?
    var codeMasked: String?
    var ticketID: String?
    var orderID: String?
    var broadcastID: String?
    var deadlineAt: Instant?
    var daysLeft: Int?
    var text: String

    /// The table's columns, named once.
    enum CodingKeys: String, CodingKey {
        case sequence
        case eventID = "event_id"
        case accountID = "account_id"
        case kind
        case occurredAt = "occurred_at"
        case recordedAt = "recorded_at"
        case codeID = "code_id"
        case codeMasked = "code_masked"
        case ticketID = "ticket_id"
        case orderID = "order_id"
        case broadcastID = "broadcast_id"
        case deadlineAt = "deadline_at"
        case daysLeft = "days_left"
        case text
    }

    /// The columns queries filter or order on.
    enum Columns {
        static let sequence = Column(CodingKeys.sequence)
        static let accountID = Column(CodingKeys.accountID)
    }

    /// `entry`, recorded at `now`.
    init(_ entry: FeedEntry, recordedAt now: Instant) {
        sequence = nil
        eventID = entry.eventID
        accountID = entry.accountID
        kind = entry.kind.rawValue
        occurredAt = entry.occurredAt
        recordedAt = now
        codeID = entry.codeID
        codeMasked = entry.codeMasked
        ticketID = entry.ticketID
        orderID = entry.orderID
        broadcastID = entry.broadcastID
        deadlineAt = entry.deadline
        daysLeft = entry.daysLeft
        text = entry.text
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        sequence = inserted.rowID
    }
}
