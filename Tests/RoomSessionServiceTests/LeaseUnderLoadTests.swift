import HuanjuDomain
import Synchronization
import Testing

@testable import RoomSessionService

@Suite("RULES §7 — leases under load")
struct LeaseUnderLoadTests {
    @Test func leasesExpireExactlyOnTimeWhileManyThreadsJoinAndHeartbeat() async throws {
        // Given a room of 100,000 and 8 threads each joining 2,000 viewers at the start
        let engine = try engineWithRoom(limit: 100_000)
        let joinedAt = broadcastStart
        await ConcurrencyTests.race(threads: 8) { thread in
            for number in 0..<2_000 { _ = try? engine.join(room: "room-1", viewer: wx(thread * 10_000 + number), now: joinedAt) }
        }
        // When, 30 s later, the same threads heartbeat their even viewers while 8 more threads
        // join 1,000 newcomers each
        let renewedAt = joinedAt + .seconds(30)
        await ConcurrencyTests.race(threads: 16) { thread in
            if thread < 8 {
                for number in stride(from: 0, to: 2_000, by: 2) {
                    _ = try? engine.heartbeat(room: "room-1", viewer: wx(thread * 10_000 + number), now: renewedAt)
                }
            } else {
                for number in 0..<1_000 { _ = try? engine.join(room: "room-1", viewer: wx(200_000 + thread * 10_000 + number), now: renewedAt) }
            }
        }
        // Then 1 ms before the first leases end everyone is present
        #expect(try engine.snapshot(room: "room-1", now: joinedAt + .seconds(60) - .milliseconds(1)).presentCount == 16_000 + 8_000)
        // And exactly when they end, the silent half is gone and the renewed and new ones stay
        #expect(try engine.snapshot(room: "room-1", now: joinedAt + .seconds(60)).presentCount == 8_000 + 8_000)
        // And when the renewed leases end, nobody is left
        #expect(try engine.snapshot(room: "room-1", now: renewedAt + .seconds(60)).presentCount == 0)
    }
}
