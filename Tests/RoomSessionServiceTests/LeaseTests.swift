import HuanjuDomain
import Testing

@testable import RoomSessionService

@Suite("RULES §7 — presence is a lease")
struct LeaseTests {
    @Test func leaseNotRenewedFreesItsPlace() throws {
        // Given a full room of 1 whose viewer joined at 10:00
        let engine = try engineWithRoom(limit: 1)
        _ = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        // When no heartbeat comes: still present 1 ms before the lease ends
        let leaseEnd = broadcastStart + .seconds(60)
        #expect(try engine.snapshot(room: "room-1", now: leaseEnd - .milliseconds(1)).presentCount == 1)
        // Then at the lease end it is gone, and a heartbeat is told to join again
        #expect(try engine.snapshot(room: "room-1", now: leaseEnd).presentCount == 0)
        expectDomainError(.notFound, "not in broadcast room-1", "1min lease", "join again") {
            try engine.heartbeat(room: "room-1", viewer: wx(1), now: leaseEnd)
        }
    }

    @Test func heartbeatInTimeKeepsThePlace() throws {
        // Given a full room of 1
        let engine = try engineWithRoom(limit: 1)
        _ = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        // When the viewer heartbeats every 59 s for 10 minutes
        var now = broadcastStart
        for _ in 0..<10 {
            now = now + .seconds(59)
            #expect(try engine.heartbeat(room: "room-1", viewer: wx(1), now: now).leaseEnd == now + .seconds(60))
        }
        // Then it is still present and the room still refuses a newcomer
        #expect(engine.sweep(now: now + .seconds(59)).presentViewers == 1)
        expectDomainError(.resourceExhausted) { try engine.join(room: "room-1", viewer: wx(2), now: now + .seconds(59)) }
    }

    @Test func fullRoomAdmitsANewcomerOnceADeadViewersLeaseEnded() throws {
        // Given a full room of 3 where one viewer stops heartbeating (and no sweep runs)
        let engine = try engineWithRoom(limit: 3)
        for number in 1...3 { _ = try engine.join(room: "room-1", viewer: wx(number), now: broadcastStart) }
        let later = broadcastStart + .seconds(30)
        try engine.heartbeat(room: "room-1", viewer: wx(2), now: later)
        try engine.heartbeat(room: "room-1", viewer: wx(3), now: later)
        // When a newcomer joins before and then at the dead viewer's lease end
        expectDomainError(.resourceExhausted) {
            try engine.join(room: "room-1", viewer: wx(4), now: broadcastStart + .seconds(59))
        }
        let outcome = try engine.join(room: "room-1", viewer: wx(4), now: broadcastStart + .seconds(60))
        // Then the join itself drops the dead viewer and takes its place
        #expect(outcome.admission == .admitted)
        #expect(outcome.presentCount == 3)
    }

    @Test func sweepDropsExpiredLeasesInEveryRoom() throws {
        // Given two rooms with a viewer each
        let engine = try engineWithRoom(limit: 5)
        try engine.openRoom("room-2", kind: .trial, limit: 10, startedAt: broadcastStart, hardEnd: broadcastStart + .hours(4))
        _ = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        _ = try engine.join(room: "room-2", viewer: wx(1), now: broadcastStart + .seconds(30))
        // When the sweep runs at 10:01 / Then only the viewer whose lease ended is dropped
        let sweep = engine.sweep(now: broadcastStart + .seconds(60))
        #expect(sweep.presentViewers == 1)
        #expect(sweep.liveRooms == 2)
        #expect(sweep.endedRooms.isEmpty)
    }

    @Test func leaseLengthIsConfigurable() throws {
        // Given an engine with a 10 s lease
        let engine = PresenceEngine(lease: .seconds(10))
        try engine.openRoom("room-1", kind: .paid, limit: 5, startedAt: broadcastStart, hardEnd: broadcastStart + .hours(4))
        let outcome = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        // When 10 s pass / Then the lease has ended
        #expect(outcome.leaseEnd == broadcastStart + .seconds(10))
        #expect(try engine.snapshot(room: "room-1", now: broadcastStart + .seconds(10)).presentCount == 0)
    }
}
