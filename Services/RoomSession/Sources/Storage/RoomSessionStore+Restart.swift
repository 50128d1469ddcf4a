import GRDB
import HuanjuDomain

extension RoomSessionStore {
    /// The restart policy: ends every broadcast still recorded as live with
    /// `SERVICE_RESTARTED`, at its last flush (or `now` if it was never flushed), never after
    /// its hard end nor before its start; its radar stays as flushed. Returns them, ended.
    func endInterruptedBroadcasts(now: Instant) async throws -> [BroadcastRecord] {
        try await database.write { db in
            let live = BroadcastRecord.filter(BroadcastRecord.Columns.state == BroadcastRecord.State.live.rawValue)
            let ids = try live.fetchAll(db).map(\.broadcastID)
            try db.execute(
                sql: """
                    UPDATE broadcasts SET state = 'ENDED', end_reason = 'SERVICE_RESTARTED',
                        ended_at = MAX(started_at, MIN(hard_end_at, COALESCE(flushed_at, ?)))
                    WHERE state = 'LIVE'
                    """,
                arguments: [now.unixMilliseconds])
            return try BroadcastRecord.fetchAll(db, keys: ids)
        }
    }

    /// Broadcasts that ended at or after `instant`: id and end.
    func broadcastsEnded(since instant: Instant) async throws -> [(broadcastID: String, endedAt: Instant)] {
        try await database.read { db in
            try BroadcastRecord.filter(BroadcastRecord.Columns.endedAt >= instant.unixMilliseconds).fetchAll(db)
                .compactMap { record in record.endedAt.map { (record.broadcastID, $0) } }
        }
    }
}
