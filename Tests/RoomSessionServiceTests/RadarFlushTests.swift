import GRDB
import HuanjuDomain
import HuanjuTestSupport
import Testing

@testable import RoomSessionService

@Suite("Radar flush — bounded batches, nothing lost when a write fails")
struct RadarFlushTests {
    /// How many radar lines the database holds for `broadcast`.
    private func storedLines(_ service: ServiceHarness, _ broadcast: String) async throws -> Int {
        try await service.core.store.radarViewers(of: broadcast).count
    }

    @Test func aCrowdLargerThanOneBatchIsWrittenByOneFlushAndItsRoomLeavesOnlyWhenAllIsWritten() async throws {
        let activation = FakeAuthorizer()
        let crowd = RoomSessionCore.flushBatchViewers + 904
        activation.add(capacity: UInt32(crowd))
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast whose crowd is larger than one flush batch, ended by its host
            let started = try await service.start()
            let broadcast = try #require(started.broadcast).broadcastID
            for number in 0..<crowd {
                _ = try service.core.engine.join(room: broadcast, viewer: wx(number), now: serviceStart + .seconds(1))
            }
            _ = try await service.hosted(Session.endBroadcast, broadcast, token: started.hostToken)
            // When one flush runs
            await service.core.flush()
            // Then every viewer's line is written, and the ended room has left the engine
            #expect(try await storedLines(service, broadcast) == crowd)
            #expect(service.core.engine.allRooms().isEmpty)
            let radar = try await service.radar(broadcast, token: started.hostToken)
            #expect(radar.totals?.uniqueViewers == UInt32(crowd))
        }
    }

    @Test func aBatchWhoseWriteFailsIsWrittenFirstByTheNextFlush() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 100)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a live broadcast with 3 viewers, and a database refusing radar lines (a full disk)
            let started = try await service.start()
            let broadcast = try #require(started.broadcast).broadcastID
            for number in 0..<3 {
                _ = try service.core.engine.join(room: broadcast, viewer: wx(number), now: serviceStart + .seconds(1))
            }
            try await service.database.write { db in
                try db.execute(sql: """
                    CREATE TEMP TRIGGER refuse_radar BEFORE INSERT ON radar_viewers
                    BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END
                    """)
            }
            // When a flush runs, fails, and 2 more viewers join before the next
            await service.core.flush()
            #expect(try await storedLines(service, broadcast) == 0)
            #expect(service.core.unwritten.withLock { $0.flatMap(\.viewers).count } == 3)
            for number in 3..<5 {
                _ = try service.core.engine.join(room: broadcast, viewer: wx(number), now: serviceStart + .seconds(2))
            }
            try await service.database.write { db in try db.execute(sql: "DROP TRIGGER temp.refuse_radar") }
            await service.core.flush()
            // Then the failed batch and the new changes are both written, and nothing waits
            #expect(try await storedLines(service, broadcast) == 5)
            #expect(service.core.unwritten.withLock { $0.isEmpty })
        }
    }
}
