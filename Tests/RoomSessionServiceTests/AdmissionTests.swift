import HuanjuDomain
import Testing

@testable import RoomSessionService

@Suite("RULES §7, §8 — admission to a room")
struct AdmissionTests {
    @Test func roomAdmitsExactlyItsLimitAndRefusesTheNextNamingTheLimit() throws {
        // Given a room of 30,000 (RULES §11 step 6: code B expanded by 10,000)
        let engine = try engineWithRoom(limit: 30_000)
        let now = broadcastStart + .minutes(1)
        // When 30,000 distinct viewers join
        for number in 0..<30_000 {
            let outcome = try engine.join(room: "room-1", viewer: wx(number), now: now)
            #expect(outcome.admission == .admitted)
        }
        // Then all are present, and the 30,001st is refused with the limit named
        #expect(try engine.snapshot(room: "room-1", now: now).presentCount == 30_000)
        expectDomainError(.resourceExhausted, "limit 30,000 concurrent viewers") {
            _ = try engine.join(room: "room-1", viewer: wx(30_000), now: now)
        }
        #expect(try engine.snapshot(room: "room-1", now: now).presentCount == 30_000)
    }

    @Test func rejoinNeverCountsTwice() throws {
        // Given a room of 2 with one viewer present
        let engine = try engineWithRoom(limit: 2)
        let now = broadcastStart + .minutes(1)
        _ = try engine.join(room: "room-1", viewer: "alice", now: now)
        // When the same viewer joins again, twice
        let again = try engine.join(room: "room-1", viewer: "alice", now: now + .seconds(5))
        let thrice = try engine.join(room: "room-1", viewer: "alice", now: now + .seconds(6))
        // Then it is a rejoin that counts nothing, and a second viewer still fits
        #expect(again.admission == .rejoined)
        #expect(thrice.presentCount == 1)
        #expect(try engine.join(room: "room-1", viewer: "bob", now: now + .seconds(7)).presentCount == 2)
        // And when the room is full, a present viewer may still rejoin
        #expect(try engine.join(room: "room-1", viewer: "alice", now: now + .seconds(8)).admission == .rejoined)
    }

    @Test func leaveFreesAPlaceAtOnce() throws {
        // Given a full room of 1
        let engine = try engineWithRoom(limit: 1)
        let now = broadcastStart + .minutes(1)
        _ = try engine.join(room: "room-1", viewer: wx(1), now: now)
        expectDomainError(.resourceExhausted) { try engine.join(room: "room-1", viewer: wx(2), now: now) }
        // When the viewer leaves (twice: leaving is idempotent)
        #expect(try engine.leave(room: "room-1", viewer: wx(1), now: now).wasPresent)
        #expect(try engine.leave(room: "room-1", viewer: wx(1), now: now).wasPresent == false)
        // Then another viewer takes the place in the same millisecond
        #expect(try engine.join(room: "room-1", viewer: wx(2), now: now).admission == .admitted)
    }

    @Test func trialRoomHoldsTenViewers() throws {
        // Given a trial broadcast's room
        let engine = PresenceEngine()
        let plan = try BroadcastPlan.trial(device: "phone-1", wechat: "wx-host", at: broadcastStart)
        try engine.openRoom("trial-1", plan: plan)
        // When 11 viewers join
        for number in 0..<10 { _ = try engine.join(room: "trial-1", viewer: wx(number), now: broadcastStart) }
        // Then the 11th is refused, naming the limit of 10
        expectDomainError(.resourceExhausted, "limit 10 concurrent viewers") {
            _ = try engine.join(room: "trial-1", viewer: wx(10), now: broadcastStart)
        }
        #expect(try engine.snapshot(room: "trial-1", now: broadcastStart).kind == .trial)
    }

    @Test func joinAnswersCountLimitAndLeaseEnd() throws {
        // Given a room of 5
        let engine = try engineWithRoom(limit: 5)
        // When a viewer joins at 10:01
        let outcome = try engine.join(room: "room-1", viewer: wx(7), now: .cst(2020, 6, 1, 10, 1))
        // Then it learns the count, the limit, its lease end (60 s on) and the hard end
        #expect(outcome == JoinOutcome(
            admission: .admitted, presentCount: 1, limit: 5, leaseEnd: .cst(2020, 6, 1, 10, 2), hardEnd: .cst(2020, 6, 1, 14, 0)))
    }

    @Test func unknownRoomIsNotFound() throws {
        // Given an engine without the room / When a viewer joins it / Then NOT_FOUND
        let engine = PresenceEngine()
        expectDomainError(.notFound, "broadcast nowhere does not exist") {
            _ = try engine.join(room: "nowhere", viewer: wx(1), now: broadcastStart)
        }
        expectDomainError(.notFound) { try engine.heartbeat(room: "nowhere", viewer: wx(1), now: broadcastStart) }
        expectDomainError(.notFound) { try engine.leave(room: "nowhere", viewer: wx(1), now: broadcastStart) }
    }

    @Test func openingARoomTwiceIsRefused() throws {
        // Given an open room / When it is opened again / Then ALREADY_EXISTS
        let engine = try engineWithRoom(limit: 5)
        expectDomainError(.alreadyExists, "room-1") {
            try engine.openRoom("room-1", kind: .paid, limit: 5, startedAt: broadcastStart, hardEnd: broadcastStart + .hours(4))
        }
        // And a limit below 1 or a hard end not after the start is invalid
        expectDomainError(.invalidArgument, "limit") {
            try engine.openRoom("room-2", kind: .paid, limit: 0, startedAt: broadcastStart, hardEnd: broadcastStart + .hours(4))
        }
        expectDomainError(.invalidArgument, "must end after its start") {
            try engine.openRoom("room-2", kind: .paid, limit: 5, startedAt: broadcastStart, hardEnd: broadcastStart)
        }
    }
}
