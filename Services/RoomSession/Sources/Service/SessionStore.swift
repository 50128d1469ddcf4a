import GRDB
import HuanjuDomain

/// The room-session database (`room-session.sqlite`): broadcasts and their data radar. Every
/// method is one transaction; writes are durable when they return (WAL, `synchronous=FULL`).
public struct SessionStore: Sendable {
    private let database: any DatabaseWriter

    /// A store over an opened, migrated database (`SessionMigrations.migrator`).
    public init(_ database: any DatabaseWriter) {
        self.database = database
    }

    // MARK: Broadcasts

    /// Records a broadcast that is starting (before its room opens).
    func insertBroadcast(_ row: BroadcastRow) async throws {
        try await database.write { db in try row.insert(db) }
    }

    /// Records that a live broadcast ended at `instant` for `cause`; a broadcast recorded as
    /// ended already keeps its first end.
    func recordEnd(of broadcastID: String, at instant: Instant, cause: BroadcastEndCause) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE broadcasts SET state = 'ENDED', ended_at_ms = ?, end_reason = ?
                    WHERE broadcast_id = ? AND state = 'LIVE'
                    """,
                arguments: [instant.unixMilliseconds, cause.rawValue, broadcastID])
        }
    }

    /// The broadcast with `broadcastID`, if any.
    func broadcast(_ broadcastID: String) async throws -> BroadcastRow? {
        try await database.read { db in try BroadcastRow.fetchOne(db, key: broadcastID) }
    }

    /// An account's paid broadcasts, newest first: `limit` of them after skipping `offset`.
    func broadcasts(ofAccount accountID: String, offset: Int, limit: Int) async throws -> [BroadcastRow] {
        try await database.read { db in
            try BroadcastRow.fetchAll(
                db,
                sql: """
                    SELECT * FROM broadcasts WHERE account_id = ?
                    ORDER BY started_at_ms DESC, broadcast_id DESC LIMIT ? OFFSET ?
                    """,
                arguments: [accountID, limit, offset])
        }
    }

    // MARK: Radar

    /// Writes one batch of radar changes: each room's totals, hard end and (once) its end,
    /// and its changed viewers. With `touchLive`, every broadcast still recorded as live is
    /// marked flushed at `flushedAt` too (the restart policy ends it there).
    func writeRadar(_ rooms: [RoomFlush], flushedAt: Instant, touchLive: Bool) async throws {
        try await database.write { db in
            for room in rooms {
                try db.execute(
                    sql: """
                        UPDATE broadcasts SET
                            peak_viewers = :peak, unique_viewers = :unique, total_watch_ms = :watch,
                            flushed_at_ms = :flushed,
                            hard_end_ms = CASE WHEN state = 'LIVE' THEN :hardEnd ELSE hard_end_ms END,
                            ended_at_ms = COALESCE(ended_at_ms, :endedAt),
                            end_reason = COALESCE(end_reason, :reason),
                            state = CASE WHEN COALESCE(ended_at_ms, :endedAt) IS NULL THEN 'LIVE' ELSE 'ENDED' END
                        WHERE broadcast_id = :id
                        """,
                    arguments: [
                        "peak": room.totals.peakConcurrent, "unique": room.totals.uniqueViewers,
                        "watch": room.totals.totalWatchTime.milliseconds, "flushed": flushedAt.unixMilliseconds,
                        "hardEnd": room.hardEnd.unixMilliseconds, "endedAt": room.endedAt?.unixMilliseconds,
                        "reason": room.endCause?.rawValue, "id": room.broadcastID,
                    ])
                for viewer in room.viewers.values {
                    try RadarViewerRow.upsert(viewer, broadcastID: room.broadcastID, in: db)
                }
            }
            if touchLive {
                try db.execute(
                    sql: "UPDATE broadcasts SET flushed_at_ms = ? WHERE state = 'LIVE'",
                    arguments: [flushedAt.unixMilliseconds])
            }
        }
    }

    /// Every viewer of a broadcast's radar, as last flushed (unranked).
    func radarViewers(of broadcastID: String) async throws -> [ViewerStats] {
        try await database.read { db in
            try RadarViewerRow.fetchAll(
                db,
                sql: """
                    SELECT viewer_id, first_join_ms, last_seen_ms, visits, watch_ms FROM radar_viewers
                    WHERE broadcast_id = ?
                    """,
                arguments: [broadcastID]
            ).map(\.stats)
        }
    }

    // MARK: Start-up

    /// The restart policy: ends every broadcast still recorded as live with
    /// `SERVICE_RESTARTED`, at its last flush (or `now` if it was never flushed), never after
    /// its hard end nor before its start; its radar stays as flushed. Returns them, ended.
    func endInterruptedBroadcasts(now: Instant) async throws -> [BroadcastRow] {
        try await database.write { db in
            let live = try BroadcastRow.fetchAll(db, sql: "SELECT * FROM broadcasts WHERE state = 'LIVE'")
            try db.execute(
                sql: """
                    UPDATE broadcasts SET state = 'ENDED', end_reason = 'SERVICE_RESTARTED',
                        ended_at_ms = MAX(started_at_ms, MIN(hard_end_ms, COALESCE(flushed_at_ms, ?)))
                    WHERE state = 'LIVE'
                    """,
                arguments: [now.unixMilliseconds])
            return try live.compactMap { try BroadcastRow.fetchOne(db, key: $0.broadcastID) }
        }
    }

    /// Broadcasts that ended at or after `instant`: id and end.
    func broadcastsEnded(since instant: Instant) async throws -> [(broadcastID: String, endedAt: Instant)] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT broadcast_id, ended_at_ms FROM broadcasts WHERE ended_at_ms >= ?",
                arguments: [instant.unixMilliseconds]
            ).map { row in
                (try row.decode(String.self, atIndex: 0), Instant(unixMilliseconds: try row.decode(Int64.self, atIndex: 1)))
            }
        }
    }
}
