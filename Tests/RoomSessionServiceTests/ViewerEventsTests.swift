import HuanjuDomain
import Testing

@testable import RoomSessionService

/// The viewer path writes no log line per call: its notable events are counted under the room's
/// lock and reported by the sweep — a room filling at once, refusals and expired leases at most
/// once per 10 s of the business clock.
@Suite("Viewer events — reported by the sweep, not per call")
struct ViewerEventsTests {
    @Test func aFillIsReportedOnceAndRefusalsAreSummedPerInterval() throws {
        // Given a room of 2
        let engine = try engineWithRoom(limit: 2)
        let now = broadcastStart + .seconds(1)
        // When two viewers fill it and three more are refused
        _ = try engine.join(room: "room-1", viewer: wx(1), now: now)
        _ = try engine.join(room: "room-1", viewer: wx(2), now: now)
        for number in 3...5 { #expect(throws: DomainError.self) { try engine.join(room: "room-1", viewer: wx(number), now: now) } }
        // Then the sweep reports the fill and the three refusals
        let first = engine.sweep(now: now).viewerEvents
        #expect(first == [ViewerEvents(roomID: "room-1", limit: 2, refusedJoins: 3, expiredLeases: 0, filled: true)])
        // And refusals within the next 10 s wait for the interval
        #expect(throws: DomainError.self) { try engine.join(room: "room-1", viewer: wx(6), now: now + .seconds(5)) }
        #expect(engine.sweep(now: now + .seconds(5)).viewerEvents.isEmpty)
        let later = engine.sweep(now: now + .seconds(10)).viewerEvents
        #expect(later == [ViewerEvents(roomID: "room-1", limit: 2, refusedJoins: 1, expiredLeases: 0, filled: false)])
        // And nothing more is reported while nothing happens
        #expect(engine.sweep(now: now + .seconds(30)).viewerEvents.isEmpty)
    }

    @Test func expiredLeasesAreCounted() throws {
        let engine = try engineWithRoom(limit: 10)
        for number in 1...4 { _ = try engine.join(room: "room-1", viewer: wx(number), now: broadcastStart) }
        // When the 60 s lease passes without a heartbeat
        let events = engine.sweep(now: broadcastStart + .seconds(60)).viewerEvents
        #expect(events.first?.expiredLeases == 4)
        #expect(events.first?.filled == false)
    }
}
