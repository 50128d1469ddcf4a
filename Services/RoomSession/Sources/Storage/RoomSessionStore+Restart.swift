import GRDB
import HuanjuDomain

extension RoomSessionStore {
    /// Every broadcast recorded as live (what a restart reopens or ends).
    func liveBroadcasts() async throws -> [BroadcastRecord] {
        try await database.read { db in
            try BroadcastRecord.filter(BroadcastRecord.Columns.state == BroadcastRecord.State.live.rawValue)
                .order(BroadcastRecord.Columns.startedAt)
                .fetchAll(db)
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
