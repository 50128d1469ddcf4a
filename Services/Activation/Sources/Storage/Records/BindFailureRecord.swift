import GRDB
import HuanjuDomain

/// One row of `bind_failures`: a wrong code an account tried to bind, counted by
/// `BindRateLimit` while it is within the window.
struct BindFailureRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bind_failures"

    /// Assigned by SQLite on insert (nil before).
    var id: Int64?
    var accountID: String
    var failedAt: Instant

    /// The table's columns, named once.
    enum CodingKeys: String, CodingKey {
        case id
        case accountID = "account_id"
        case failedAt = "failed_at"
    }

    /// The columns queries filter, order or update on.
    enum Columns {
        static let accountID = Column(CodingKeys.accountID)
        static let failedAt = Column(CodingKeys.failedAt)
    }
}
