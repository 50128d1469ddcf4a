import GRDB
import HuanjuDomain

/// One row of `radar_viewers`: a viewer's radar line in one broadcast, as last flushed.
///
/// Columns are its `CodingKeys`. The flusher writes its lines with `RadarLineWriter`, which
/// binds this record's upsert (`upsertSQL`) by hand; `upsertKeepingFirstJoin(_:)` is the same
/// statement for one record.
struct RadarViewerRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "radar_viewers"

    /// The broadcast.
    var broadcastID: String
    /// The viewer.
    var viewerID: String
    /// Its first admitting join (never changes).
    var firstJoinAt: Instant
    /// Its last join, heartbeat or leave.
    var lastSeenAt: Instant
    /// Joins that took a place.
    var visits: Int
    /// Time watched over all visits.
    var watch: TimeSpan

    /// The columns.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case broadcastID = "broadcast_id"
        case viewerID = "viewer_id"
        case firstJoinAt = "first_join_at"
        case lastSeenAt = "last_seen_at"
        case visits
        case watch = "watch_ms"
    }

    /// The columns the store's queries filter on.
    enum Columns {
        static let broadcastID = Column(CodingKeys.broadcastID)
    }

    /// Inserts the row, or updates the viewer's last seen, visits and watch time (its first
    /// join never changes).
    func upsertKeepingFirstJoin(_ db: Database) throws {
        // The values in `CodingKeys` order, as `upsertSQL` lists the columns (a test reads an
        // upserted row back through `Codable`).
        try db.cachedStatement(sql: Self.upsertSQL).execute(arguments: [
            broadcastID, viewerID, firstJoinAt.unixMilliseconds, lastSeenAt.unixMilliseconds, visits, watch.milliseconds,
        ])
    }

    /// `INSERT … ON CONFLICT DO UPDATE` of every column, keeping `first_join_at` (also what
    /// `RadarLineWriter` binds by hand, in the same column order).
    static let upsertSQL: String = {
        let columns = CodingKeys.allCases.map(\.rawValue)
        let updated = [CodingKeys.lastSeenAt, .visits, .watch].map { "\($0.rawValue) = excluded.\($0.rawValue)" }
        return """
            INSERT INTO \(databaseTableName) (\(columns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT (\(CodingKeys.broadcastID.rawValue), \(CodingKeys.viewerID.rawValue))
            DO UPDATE SET \(updated.joined(separator: ", "))
            """
    }()
}

extension RadarViewerRecord {
    /// The row of `stats` in `broadcastID`'s radar.
    init(broadcastID: String, stats: ViewerStats) {
        self.init(
            broadcastID: broadcastID, viewerID: stats.viewerID, firstJoinAt: stats.firstJoin, lastSeenAt: stats.lastSeen,
            visits: stats.visits, watch: stats.watchTime)
    }

    /// The viewer's stats.
    var stats: ViewerStats {
        ViewerStats(viewerID: viewerID, firstJoin: firstJoinAt, lastSeen: lastSeenAt, visits: visits, watchTime: watch)
    }
}
