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
            starting: id, plan: BroadcastPlan(kind: .paid, start: start, viewerLimit: 10, hardEnd: start + .hours(4)),
            accountID: accountA, codeID: "code_A", title: "", hostTokenDigest: HostToken.digest("ht_X"))
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
        try await store.writeRadar([stale], flushedAt: serviceStart + .minutes(31), touchLive: true)
        try await store.recordEnd(of: "bc_1", at: serviceStart + .hours(4), cause: .maxDuration)
        // Then it is still ended at 10:30 by its host, with the flushed totals and viewer
        let stored = try #require(try await store.broadcast("bc_1"))
        #expect(!stored.isLive)
        #expect(stored.endedAt == serviceStart + .minutes(30))
        #expect(stored.endReason == .hostEnded)
        #expect(stored.uniqueViewers == 4)
        #expect(try await store.radarViewers(of: "bc_1").map(\.viewerID) == ["wx_1"])
    }

    @Test func theRestartPolicyEndsLiveBroadcastsAtTheirLastFlushNeverAfterTheirHardEnd() async throws {
        // Given three live broadcasts: flushed at 10:05; never flushed; flushed, started long ago
        let store = try store()
        try await store.recordStart(row("bc_flushed"))
        try await store.recordStart(row("bc_never"))
        try await store.recordStart(row("bc_old", start: serviceStart - .hours(6)))
        try await store.writeRadar([], flushedAt: serviceStart + .minutes(5), touchLive: true)
        try await store.recordStart(row("bc_late", start: serviceStart + .minutes(10)))
        // When the service starts again at 11:00
        let ended = try await store.endInterruptedBroadcasts(now: serviceStart + .hours(1))
        // Then each ended with SERVICE_RESTARTED: at its last flush, at start-up, or at its hard end
        let byID = Dictionary(uniqueKeysWithValues: ended.map { ($0.broadcastID, $0) })
        #expect(byID.count == 4)
        #expect(byID.values.allSatisfy { $0.endReason == .serviceRestarted && !$0.isLive })
        #expect(byID["bc_flushed"]?.endedAt == serviceStart + .minutes(5))
        #expect(byID["bc_late"]?.endedAt == serviceStart + .hours(1))
        #expect(byID["bc_old"]?.endedAt == serviceStart - .hours(2))
        // And nothing is left live for the next start-up
        #expect(try await store.endInterruptedBroadcasts(now: serviceStart + .hours(2)).isEmpty)
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
