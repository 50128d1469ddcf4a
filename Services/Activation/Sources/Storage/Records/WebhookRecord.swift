import GRDB
import HuanjuDomain

/// One row of `webhooks`: an account's endpoint, its signing secret, and how far its feed was
/// delivered to it.
///
/// `delivered_through` is a feed sequence (`feed_events.sequence`, which orders every feed):
/// the last event the endpoint acknowledged, or the feed's end when it was registered, so
/// that what is waiting is the account's events after it. It moves only after a 2xx.
/// `created_at` and `updated_at` are the business clock's; the attempt columns are the host's
/// real time (retries run in real time, whatever the business clock says).
struct WebhookRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "webhooks"

    var accountID: String
    /// As `WebhookURL.text` wrote it (checked when set).
    var url: String
    /// The HMAC key, stored as is: it must be read back to sign (a shared secret, not a password).
    var secret: String
    var createdAt: Instant
    var updatedAt: Instant
    var deliveredThrough: Int64
    /// Events acknowledged so far.
    var delivered: Int64
    /// Failed attempts in a row at the event waiting first (0 after a success or a new URL).
    var attempts: Int
    var lastAttemptAt: Instant?
    var lastHTTPStatus: Int?
    var lastError: String?
    /// Not before this instant is the waiting event sent again (nil: as soon as there is one).
    var nextAttemptAt: Instant?
    var lastDeliveredAt: Instant?

    /// The table's columns, named once.
    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case url
        case secret
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deliveredThrough = "delivered_through"
        case delivered
        case attempts
        case lastAttemptAt = "last_attempt_at"
        case lastHTTPStatus = "last_http_status"
        case lastError = "last_error"
        case nextAttemptAt = "next_attempt_at"
        case lastDeliveredAt = "last_delivered_at"
    }

    /// The columns queries filter or update on.
    enum Columns {
        static let accountID = Column(CodingKeys.accountID)
        static let secret = Column(CodingKeys.secret)
        static let deliveredThrough = Column(CodingKeys.deliveredThrough)
    }
}
