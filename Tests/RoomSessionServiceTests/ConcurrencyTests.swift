import Foundation
import HuanjuDomain
import Synchronization
import Testing

@testable import RoomSessionService

@Suite("RULES §7 — the limit under concurrency")
struct ConcurrencyTests {
    /// Runs `body(thread)` on `count` threads of their own, released together; returns when
    /// all are done. Plain threads race, and the caller awaits them without blocking a thread
    /// of Swift's cooperative pool (which every other test of the process shares).
    static func race(threads count: Int, _ body: @escaping @Sendable (Int) -> Void) async {
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let ready = DispatchGroup()
            let done = DispatchGroup()
            let start = DispatchSemaphore(value: 0)
            for index in 0..<count {
                ready.enter()
                done.enter()
                Thread {
                    ready.leave()
                    start.wait()
                    body(index)
                    done.leave()
                }.start()
            }
            // The releasing and the waiting happen on a thread of their own too.
            Thread {
                ready.wait()
                for _ in 0..<count { start.signal() }
                done.wait()
                finished.resume()
            }.start()
        }
    }

    @Test func threadsRacingForTheLastTenPlacesAdmitExactlyTen() async throws {
        // Given 4 rooms of 1,000, each with 990 viewers present
        let engine = PresenceEngine()
        let rooms = (1...4).map { "room-\($0)" }
        let now = broadcastStart + .seconds(1)
        for room in rooms {
            try engine.openRoom(room, kind: .paid, limit: 1_000, startedAt: broadcastStart, hardEnd: broadcastStart + .hours(4))
            for number in 0..<990 { _ = try engine.join(room: room, viewer: wx(number), now: broadcastStart) }
        }
        // When 16 threads each try 40 new viewers per room, while rejoining present ones
        let admitted = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        let other = Atomic<Int>(0)  // unexpected errors, or a count above the limit
        await Self.race(threads: 16) { thread in
            for room in rooms {
                for attempt in 0..<40 {
                    do {
                        let outcome = try engine.join(room: room, viewer: wx(10_000 + thread * 100 + attempt), now: now)
                        if outcome.presentCount > 1_000 { other.add(1, ordering: .relaxed) }
                        admitted.add(1, ordering: .relaxed)
                        _ = try engine.join(room: room, viewer: wx(attempt), now: now)
                    } catch let error as DomainError where error.code == .resourceExhausted {
                        refused.add(1, ordering: .relaxed)
                    } catch {
                        other.add(1, ordering: .relaxed)
                    }
                }
            }
        }
        // Then exactly 10 were admitted per room, everyone else refused, and no room exceeds its limit
        #expect(admitted.load(ordering: .relaxed) == 4 * 10)
        #expect(refused.load(ordering: .relaxed) == 4 * (16 * 40 - 10))
        #expect(other.load(ordering: .relaxed) == 0)
        for room in rooms {
            let snapshot = try engine.snapshot(room: room, now: now)
            #expect(snapshot.presentCount == 1_000)
            #expect(snapshot.peakConcurrent == 1_000)
        }
    }
}
