import GRDB
import HuanjuDomain

/// One row of `fee_accounts`: which billing event the account's copy of its annual-fee
/// schedule (its `fee_terms` rows) came from, so that an older schedule arriving late does
/// not replace a newer one.
struct FeeAccountRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "fee_accounts"

    var accountID: String
    /// When billing changed the schedule (the event's `occurred_at_ms`).
    var occurredAt: Instant
    var eventID: String

    /// The table's columns, named once.
    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case occurredAt = "occurred_at"
        case eventID = "event_id"
    }
}
