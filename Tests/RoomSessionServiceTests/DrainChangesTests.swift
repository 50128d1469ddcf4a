import HuanjuDomain
import Testing

@testable import RoomSessionService

@Suite("Presence engine — changes for the radar's persistence")
struct DrainChangesTests {
    @Test func drainReportsEachChangeOnce() throws {
        // Given a new room of 2: its opening is one change, reported once
        let engine = try engineWithRoom(limit: 2)
        let opened = engine.drainChanges()
        #expect(opened.map(\.room.roomID) == ["room-1"])
        #expect(opened.first?.viewers == [])
        #expect(engine.drainChanges().isEmpty)
        // When two viewers join and one heartbeats twice
        _ = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        _ = try engine.join(room: "room-1", viewer: "guest 7", now: broadcastStart + .seconds(1))
        try engine.heartbeat(room: "room-1", viewer: wx(1), now: broadcastStart + .seconds(20))
        try engine.heartbeat(room: "room-1", viewer: wx(1), now: broadcastStart + .seconds(40))
        let changes = engine.drainChanges()
        // Then each viewer is listed once, with its open visit counted to its last seen
        #expect(changes.count == 1)
        let viewers = changes.first?.viewers.sorted { $0.viewerID < $1.viewerID } ?? []
        #expect(viewers == [
            ViewerStats(viewerID: "guest 7", firstJoin: broadcastStart + .seconds(1), lastSeen: broadcastStart + .seconds(1), visits: 1, watchTime: .zero),
            ViewerStats(viewerID: wx(1), firstJoin: broadcastStart, lastSeen: broadcastStart + .seconds(40), visits: 1, watchTime: .seconds(40)),
        ])
        #expect(changes.first?.room.presentCount == 2)
        #expect(changes.first?.totals.totalWatchTime == .seconds(40))
        #expect(changes.first?.totals.uniqueViewers == 2)
        // When nothing changes, or a join is refused / Then there is nothing to drain
        #expect(engine.drainChanges().isEmpty)
        expectDomainError(.resourceExhausted) { try engine.join(room: "room-1", viewer: wx(3), now: broadcastStart + .seconds(41)) }
        #expect(engine.drainChanges().isEmpty)
        // When the room ends / Then its end and both closed visits are reported
        try engine.end("room-1", at: broadcastStart + .seconds(50), reason: .host)
        let ended = try #require(engine.drainChanges().first)
        #expect(ended.room.endedAt == broadcastStart + .seconds(50))
        #expect(ended.totals.end == broadcastStart + .seconds(50))
        #expect(Set(ended.viewers.map(\.viewerID)) == ["guest 7", wx(1)])
        #expect(ended.totals.totalWatchTime == .seconds(50 + 49))
        #expect(engine.drainChanges().isEmpty)
    }

    @Test func leaseExpiryFoundBySweepIsAChange() throws {
        // Given a drained room with one viewer
        let engine = try engineWithRoom(limit: 2)
        _ = try engine.join(room: "room-1", viewer: wx(1), now: broadcastStart)
        _ = engine.drainChanges()
        // When its lease runs out and the sweep drops it
        _ = engine.sweep(now: broadcastStart + .seconds(60))
        // Then the next drain reports the closed visit and the freed place
        let change = try #require(engine.drainChanges().first)
        #expect(change.room.presentCount == 0)
        #expect(change.viewers.map(\.viewerID) == [wx(1)])
    }
}
