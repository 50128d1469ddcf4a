import HuanjuDomain
import Testing

@testable import RoomSessionService

@Suite("RULES §7 — the end of a broadcast")
struct BroadcastEndTests {
    @Test func hardEndRefusesJoinsAtExactlyTheHardEndAndReleasesViewers() throws {
        // Given a room started at 10:00 (hard end 14:00) with a viewer heartbeating near the end
        let engine = try engineWithRoom(limit: 5)
        let hardEnd = Instant.cst(2020, 6, 1, 14, 0)
        _ = try engine.join(room: "room-1", viewer: wx(1), now: hardEnd - .seconds(40))
        try engine.heartbeat(room: "room-1", viewer: wx(1), now: hardEnd - .seconds(30))
        // When a viewer joins 1 ms before the hard end / Then it is admitted
        _ = try engine.join(room: "room-1", viewer: wx(2), now: hardEnd - .milliseconds(1))
        // When one joins at exactly the hard end / Then it is refused, the end named in CST
        expectDomainError(.failedPrecondition, "broadcast room-1 ended at 2020-06-01 14:00 CST") {
            try engine.join(room: "room-1", viewer: wx(3), now: hardEnd)
        }
        // And every viewer was released, the room ended at the hard end
        let snapshot = try engine.snapshot(room: "room-1", now: hardEnd + .minutes(5))
        #expect(snapshot.presentCount == 0)
        #expect(snapshot.endedAt == hardEnd)
        #expect(snapshot.endReason == .hardEnd)
        expectDomainError(.failedPrecondition, "ended at 2020-06-01 14:00 CST") {
            try engine.heartbeat(room: "room-1", viewer: wx(1), now: hardEnd + .seconds(1))
        }
    }

    @Test func roomReachedAfterItsHardEndIsEndedAtTheHardEnd() throws {
        // Given a room nobody touched since before its hard end
        let engine = try engineWithRoom(limit: 5)
        _ = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        // When the sweep runs an hour after the hard end
        let sweep = engine.sweep(now: .cst(2020, 6, 1, 15, 0))
        // Then it reports the room as ended at the hard end, once
        #expect(sweep.endedRooms.map(\.endedAt) == [.cst(2020, 6, 1, 14, 0)])
        #expect(sweep.liveRooms == 0)
        #expect(engine.sweep(now: .cst(2020, 6, 1, 15, 1)).endedRooms.isEmpty)
    }

    @Test func sweepReportsAHardEndThatAJoinNoticedFirst() throws {
        // Given a room whose hard end a refused join noticed
        let engine = try engineWithRoom(limit: 5)
        expectDomainError(.failedPrecondition) {
            try engine.join(room: "room-1", viewer: wx(1), now: .cst(2020, 6, 1, 14, 0))
        }
        // When the sweep runs / Then it still reports the room, so the service persists it
        #expect(engine.sweep(now: .cst(2020, 6, 1, 14, 0, 1)).endedRooms.map(\.roomID) == ["room-1"])
    }

    @Test func endReleasesEveryoneAndRefusesJoins() throws {
        // Given a room with 3 viewers
        let engine = try engineWithRoom(limit: 5)
        for number in 1...3 { _ = try engine.join(room: "room-1", viewer: wx(number), now: broadcastStart) }
        // When the host ends it at 10:00:30
        let endedAt = broadcastStart + .seconds(30)
        let snapshot = try engine.end("room-1", at: endedAt, reason: .host)
        // Then nobody is present, the end is recorded, and joins are refused naming it
        #expect(snapshot.presentCount == 0)
        #expect(snapshot.peakConcurrent == 3)
        #expect(snapshot.endedAt == endedAt)
        #expect(snapshot.endReason == .host)
        expectDomainError(.failedPrecondition, "ended at 2020-06-01 10:00:30 CST") {
            try engine.join(room: "room-1", viewer: wx(1), now: endedAt)
        }
        // And ending again changes nothing; leaving is a no-op; the sweep does not report a host end
        #expect(try engine.end("room-1", at: endedAt + .minutes(1), reason: .host).endedAt == endedAt)
        #expect(try engine.leave(room: "room-1", viewer: wx(1), now: endedAt).wasPresent == false)
        #expect(engine.sweep(now: endedAt + .hours(5)).endedRooms.isEmpty)
    }

    @Test func renewalPushesTheHardEndLaterAndALapseBringsItEarlier() throws {
        // Given a room whose hard end is the fee lapse at 12:00
        let engine = try engineWithRoom(limit: 5, hardEnd: .cst(2020, 6, 1, 12, 0))
        _ = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        // When a renewal before 12:00 moves it to the 4-hour end
        let renewed = try engine.updateHardEnd("room-1", to: .cst(2020, 6, 1, 14, 0), now: .cst(2020, 6, 1, 11, 0))
        // Then joins after 12:00 are admitted
        #expect(renewed.hardEnd == .cst(2020, 6, 1, 14, 0))
        _ = try engine.join(room: "room-1", viewer: wx(2), now: .cst(2020, 6, 1, 12, 30))
        // When the end is brought earlier, to an instant already past / Then the room ended there
        let moved = try engine.updateHardEnd("room-1", to: .cst(2020, 6, 1, 12, 31), now: .cst(2020, 6, 1, 12, 32))
        #expect(moved.endedAt == .cst(2020, 6, 1, 12, 31))
        #expect(moved.presentCount == 0)
        // And a renewal after the end does not revive it
        expectDomainError(.failedPrecondition, "ended at 2020-06-01 12:31 CST") {
            try engine.updateHardEnd("room-1", to: .cst(2020, 6, 1, 14, 0), now: .cst(2020, 6, 1, 12, 33))
        }
    }

    @Test func renewalAfterTheHardEndPassedDoesNotReviveTheRoom() throws {
        // Given a room whose 12:00 hard end passed without anyone noticing
        let engine = try engineWithRoom(limit: 5, hardEnd: .cst(2020, 6, 1, 12, 0))
        // When a renewal arrives at 12:05 / Then the room has ended at 12:00 all the same
        expectDomainError(.failedPrecondition, "ended at 2020-06-01 12:00 CST") {
            try engine.updateHardEnd("room-1", to: .cst(2020, 6, 1, 14, 0), now: .cst(2020, 6, 1, 12, 5))
        }
    }

    @Test func endedRoomCanBeRemovedLiveRoomCannot() throws {
        // Given a live room / When removed / Then refused
        let engine = try engineWithRoom(limit: 5)
        expectDomainError(.failedPrecondition, "has not ended") { try engine.removeRoom("room-1") }
        // When it ended / Then it is removed and later unknown
        try engine.end("room-1", at: broadcastStart + .hours(1), reason: .host)
        #expect(try engine.removeRoom("room-1"))
        #expect(try engine.removeRoom("room-1") == false)
        expectDomainError(.notFound) { try engine.snapshot(room: "room-1", now: broadcastStart) }
    }
}
