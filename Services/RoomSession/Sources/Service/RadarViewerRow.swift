import GRDB
import HuanjuDomain

/// One row of `radar_viewers`: a viewer's radar line in one broadcast, as last flushed.
struct RadarViewerRow: Sendable, Hashable, FetchableRecord {
    static let databaseTableName = "radar_viewers"

    /// The viewer's stats.
    let stats: ViewerStats

    init(row: Row) throws {
        stats = ViewerStats(
            viewerId: try row.decode(String.self, forColumn: "viewer_id"),
            firstJoin: Instant(unixMilliseconds: try row.decode(Int64.self, forColumn: "first_join_ms")),
            lastSeen: Instant(unixMilliseconds: try row.decode(Int64.self, forColumn: "last_seen_ms")),
            visits: try row.decode(Int.self, forColumn: "visits"),
            watchTime: .milliseconds(try row.decode(Int64.self, forColumn: "watch_ms")))
    }

    /// Inserts or updates `stats` for `broadcastID` (the first join never changes).
    static func upsert(_ stats: ViewerStats, broadcastID: String, in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO radar_viewers (broadcast_id, viewer_id, first_join_ms, last_seen_ms, visits, watch_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (broadcast_id, viewer_id) DO UPDATE SET
                last_seen_ms = excluded.last_seen_ms, visits = excluded.visits, watch_ms = excluded.watch_ms
            """)
        try statement.execute(arguments: [
            broadcastID, stats.viewerId, stats.firstJoin.unixMilliseconds, stats.lastSeen.unixMilliseconds,
            stats.visits, stats.watchTime.milliseconds,
        ])
    }
}
