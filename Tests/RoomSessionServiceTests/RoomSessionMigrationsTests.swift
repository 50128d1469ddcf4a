import GRDB
import HuanjuDomain
import HuanjuRuntime
import Testing

@testable import RoomSessionService

/// The schema's history: a database written by an earlier version keeps its rows.
@Suite("RoomSessionMigrations — earlier databases keep their rows (session-v3 names, session-v4 slots)")
struct RoomSessionMigrationsTests {
    @Test func aDatabaseAtSessionV2MigratesWithItsRowsUnderTheNewColumnNames() throws {
        // Given a database at session-v2 holding an ended paid broadcast with two radar lines
        // and a live trial, written with the old `_ms` instant columns
        let queue = try DatabaseQueue()
        try RoomSessionMigrations.migrator.migrate(queue, upTo: "session-v2")
        let start = serviceStart.unixMilliseconds
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO broadcasts (broadcast_id, kind, state, account_id, code_id, title, host_token_sha256,
                    viewer_limit, started_at_ms, hard_end_ms, ended_at_ms, end_reason, peak_viewers, unique_viewers,
                    total_watch_ms, flushed_at_ms)
                VALUES ('bc_PAID', 'PAID', 'ENDED', 'acc_A', 'code_A', '发布会', 'digest-paid', 200, ?, ?, ?, 'HOST_ENDED',
                    2, 2, 900000, ?);
                INSERT INTO broadcasts (broadcast_id, kind, state, title, host_token_sha256, viewer_limit,
                    started_at_ms, hard_end_ms, flushed_at_ms)
                VALUES ('bc_TRIAL', 'TRIAL', 'LIVE', '', 'digest-trial', 10, ?, ?, NULL);
                INSERT INTO radar_viewers (broadcast_id, viewer_id, first_join_ms, last_seen_ms, visits, watch_ms)
                VALUES ('bc_PAID', 'wx_1', ?, ?, 1, 600000), ('bc_PAID', 'wx_2', ?, ?, 2, 300000);
                """,
                arguments: [
                    start, start + 14_400_000, start + 600_000, start + 600_000,
                    start + 60_000, start + 14_460_000,
                    start, start + 600_000, start + 60_000, start + 590_000,
                ])
        }
        // When the remaining migrations run
        try RoomSessionMigrations.migrator.migrate(queue)
        // Then the columns are named <event>_at (durations keep _ms)
        let broadcastColumns = try queue.read { db in try db.columns(in: "broadcasts").map(\.name) }
        #expect(broadcastColumns.contains("started_at") && broadcastColumns.contains("hard_end_at"))
        #expect(broadcastColumns.contains("ended_at") && broadcastColumns.contains("flushed_at"))
        #expect(broadcastColumns.contains("total_watch_ms"))
        #expect(!broadcastColumns.contains { $0.hasSuffix("_at_ms") || $0 == "hard_end_ms" })
        let radarColumns = try queue.read { db in try db.columns(in: "radar_viewers").map(\.name) }
        #expect(radarColumns == ["broadcast_id", "viewer_id", "first_join_at", "last_seen_at", "visits", "watch_ms"])
        // And every row reads back with its values
        let paid = try #require(try queue.read { try BroadcastRecord.fetchOne($0, key: "bc_PAID") })
        #expect(paid.kind == .paid && paid.state == .ended)
        #expect(paid.accountID == "acc_A" && paid.codeID == "code_A" && paid.title == "发布会")
        #expect(paid.hostTokenDigest == "digest-paid" && paid.viewerLimit == 200)
        #expect(paid.startedAt == serviceStart && paid.hardEndAt == serviceStart + .hours(4))
        #expect(paid.endedAt == serviceStart + .minutes(10) && paid.endReason == .hostEnded)
        #expect(paid.flushedAt == serviceStart + .minutes(10))
        #expect(paid.peakViewers == 2 && paid.uniqueViewers == 2 && paid.totalWatch == .minutes(15))
        let trial = try #require(try queue.read { try BroadcastRecord.fetchOne($0, key: "bc_TRIAL") })
        #expect(trial.kind == .trial && trial.isLive && trial.endedAt == nil && trial.endReason == nil)
        #expect(trial.startedAt == serviceStart + .minutes(1) && trial.flushedAt == nil)
        // And (session-v4) a paid row holds its code's slot; a trial from before has none, and
        // reopens with a slot of its own
        #expect(paid.slot == "code:code_A" && paid.codeValidUntil == nil && paid.feeActiveUntil == nil)
        #expect(trial.slot == nil && trial.liveEntry.slot == "trial-of:bc_TRIAL")
        let viewers = try queue.read { db in try RadarViewerRecord.order(Column("viewer_id")).fetchAll(db) }
        #expect(viewers.map(\.stats) == [
            ViewerStats(viewerID: "wx_1", firstJoin: serviceStart, lastSeen: serviceStart + .minutes(10), visits: 1,
                        watchTime: .minutes(10)),
            ViewerStats(viewerID: "wx_2", firstJoin: serviceStart + .minutes(1),
                        lastSeen: serviceStart + .minutes(9) + .seconds(50), visits: 2, watchTime: .minutes(5)),
        ])
        // And the constraints still hold under the new names: an ended row needs its end
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "UPDATE broadcasts SET ended_at = NULL WHERE broadcast_id = 'bc_PAID'")
            }
        }
    }

    @Test func aStoredValueTheServiceNeverWritesIsStoredDataError() async throws {
        // Given a broadcast row whose kind is not one the service writes (a damaged database)
        let database = try ServiceDatabase.inMemory(migrator: RoomSessionMigrations.migrator)
        try await database.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: """
                INSERT INTO broadcasts (broadcast_id, kind, state, title, host_token_sha256, viewer_limit, started_at,
                    hard_end_at)
                VALUES ('bc_ODD', 'FREE', 'LIVE', '', 'digest', 10, 0, 14400000)
                """)
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        // When the store reads it
        // Then it is StoredDataError naming the column and the value, never a decoding error
        let store = RoomSessionStore(database: database)
        let error = await #expect(throws: StoredDataError.self) { _ = try await store.broadcast("bc_ODD") }
        #expect(error?.description == "broadcasts.kind holds 'FREE', which this service never writes")
    }
}
