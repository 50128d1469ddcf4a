import GRDB
import HuanjuDomain

extension RoomSessionStore {
    /// Writes one batch of radar changes: each room's totals, hard end and (once) its end,
    /// and its changed viewers; each room's row notes the flush at `flushedAt`.
    func writeRadar(_ rooms: [RoomFlush], flushedAt: Instant) async throws {
        try await database.write { db in
            let lines = try RadarLineWriter(db)
            for room in rooms {
                try db.execute(
                    sql: """
                        UPDATE broadcasts SET
                            peak_viewers = :peak, unique_viewers = :unique, total_watch_ms = :watch,
                            flushed_at = :flushed,
                            hard_end_at = CASE WHEN state = 'LIVE' THEN :hardEnd ELSE hard_end_at END,
                            ended_at = COALESCE(ended_at, :endedAt),
                            end_reason = COALESCE(end_reason, :reason),
                            state = CASE WHEN COALESCE(ended_at, :endedAt) IS NULL THEN 'LIVE' ELSE 'ENDED' END
                        WHERE broadcast_id = :id
                        """,
                    arguments: [
                        "peak": room.totals.peakConcurrent, "unique": room.totals.uniqueViewers,
                        "watch": room.totals.totalWatchTime.milliseconds, "flushed": flushedAt.unixMilliseconds,
                        "hardEnd": room.hardEnd.unixMilliseconds, "endedAt": room.endedAt?.unixMilliseconds,
                        "reason": room.endCause?.rawValue, "id": room.broadcastID,
                    ])
                try lines.upsert(room.viewers, of: room.broadcastID)
            }
        }
    }

    /// Every viewer of a broadcast's radar, as last flushed (unranked).
    func radarViewers(of broadcastID: String) async throws -> [ViewerStats] {
        try await database.read { db in
            try RadarViewerRecord.filter(RadarViewerRecord.Columns.broadcastID == broadcastID).fetchAll(db).map(\.stats)
        }
    }
}
