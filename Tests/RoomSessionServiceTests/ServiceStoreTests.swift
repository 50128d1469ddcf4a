import GRDB
import HuanjuDomain
import HuanjuRuntime
import Testing

@testable import RoomSessionService

@Suite("RoomSessionStore — what the database keeps")
struct ServiceStoreTests {
    private func store() throws -> RoomSessionStore {
        RoomSessionStore(database: try ServiceDatabase.inMemory(migrator: RoomSessionMigrations.migrator))
    }

    private func row(_ id: String, start: Instant = serviceStart) -> BroadcastRecord {
        BroadcastRecord(
            starting: .paid(id, start: start, accountID: accountA, codeID: "code_A", codeValidUntil: start + .days(300),
                            feeActiveUntil: start + .days(200)),
            plan: BroadcastPlan(kind: .paid, start: start, viewerLimit: 10, hardEnd: start + .hours(4)), title: "",
            hostTokenDigest: HostToken.digest("ht_X"))
    }

    @Test func aBroadcastRecordedAsEndedKeepsItsFirstEndWhateverALaterFlushSays() async throws {
        // Given a broadcast recorded as ended by its host at 10:30
        let store = try store()
        try await store.recordStart(row("bc_1"))
        try await store.recordEnd(of: "bc_1", at: serviceStart + .minutes(30), cause: .hostEnded)
        // When a flush drained before the end is written after it, and another end is recorded
        let stale = RoomFlush(
            broadcastID: "bc_1", hardEnd: serviceStart + .hours(4),
            totals: BroadcastTotals(start: serviceStart, end: nil, peakConcurrent: 3, uniqueViewers: 4, totalWatchTime: .minutes(9)),
            endedAt: nil, endCause: nil,
            viewers: [ViewerChange(viewer: .other("wx_1"), firstJoin: serviceStart, lastSeen: serviceStart, visits: 1, watchTime: .zero)])
        try await store.writeRadar([stale], flushedAt: serviceStart + .minutes(31))
        try await store.recordEnd(of: "bc_1", at: serviceStart + .hours(4), cause: .maxDuration)
        // Then it is still ended at 10:30 by its host, with the flushed totals and viewer
        let stored = try #require(try await store.broadcast("bc_1"))
        #expect(!stored.isLive)
        #expect(stored.endedAt == serviceStart + .minutes(30))
        #expect(stored.endReason == .hostEnded)
        #expect(stored.uniqueViewers == 4)
        #expect(try await store.radarViewers(of: "bc_1").map(\.viewerID) == ["wx_1"])
    }

    @Test func aStartedBroadcastKeepsWhatARestartNeedsToReopenIt() async throws {
        // Given a paid broadcast and a trial recorded as started, and one that ended
        let store = try store()
        try await store.recordStart(row("bc_paid"))
        let trial = LiveBroadcast.trial("bc_trial", start: serviceStart, wechatOpenid: "wx-openid-t")
        try await store.recordStart(BroadcastRecord(
            starting: trial, plan: try BroadcastPlan.trial(device: "d", wechat: "wx-openid-t", at: serviceStart), title: "",
            hostTokenDigest: HostToken.digest("ht_T")))
        try await store.recordStart(row("bc_done"))
        try await store.recordEnd(of: "bc_done", at: serviceStart + .minutes(1), cause: .hostEnded)
        // When the live ones are read back, as a restart does
        let live = try await store.liveBroadcasts()
        // Then both are there, each with its slot and bounds; the trial's slot holds no WeChat id
        #expect(live.map(\.broadcastID) == ["bc_paid", "bc_trial"])
        let paid = live[0].liveEntry
        #expect(paid.slot == "code:code_A")
        #expect(paid.codeValidUntil == serviceStart + .days(300))
        #expect(paid.feeActiveUntil == serviceStart + .days(200))
        #expect(paid.hardEnd == serviceStart + .hours(4))
        let reopenedTrial = live[1].liveEntry
        #expect(reopenedTrial.slot == trial.slot)
        #expect(!reopenedTrial.slot.contains("wx-openid-t"))
        #expect(live[1].plan.viewerLimit == 10)
    }

    @Test func aRadarLineIsWrittenColumnForColumnAndKeepsItsFirstJoin() async throws {
        // Given a broadcast, and a viewer's line with a distinct value in every column
        let store = try store()
        try await store.recordStart(row("bc_1"))
        let line = RadarViewerRecord(
            broadcastID: "bc_1", viewerID: "wx_7", firstJoinAt: serviceStart + .seconds(1),
            lastSeenAt: serviceStart + .seconds(2), visits: 3, watch: .milliseconds(4))
        // When it is upserted, then upserted again with another first join and later figures
        try await store.database.write { db in try line.upsertKeepingFirstJoin(db) }
        let read = try await store.database.read { db in try RadarViewerRecord.fetchAll(db) }
        let later = RadarViewerRecord(
            broadcastID: "bc_1", viewerID: "wx_7", firstJoinAt: serviceStart + .hours(1),
            lastSeenAt: serviceStart + .minutes(5), visits: 4, watch: .minutes(4))
        try await store.database.write { db in try later.upsertKeepingFirstJoin(db) }
        let reread = try await store.database.read { db in try RadarViewerRecord.fetchAll(db) }
        // Then the row reads back exactly as written, and the second write kept the first join
        #expect(read == [line])
        var expected = later
        expected.firstJoinAt = line.firstJoinAt
        #expect(reread == [expected])
    }
}
