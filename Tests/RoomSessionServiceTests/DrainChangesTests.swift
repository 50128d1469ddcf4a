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
        let viewers = changes.first?.viewers.map(\.stats).sorted { $0.viewerID < $1.viewerID } ?? []
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

    @Test func aDrainTakesAtMostItsLimitAcrossRoomsAndLeavesTheRestForTheNext() throws {
        // Given two drained rooms, and then 7 viewers joining the first and 3 the second
        let engine = try engineWithRoom("room-1", limit: 10)
        try engine.openRoom("room-2", kind: .paid, limit: 10, startedAt: broadcastStart, hardEnd: broadcastStart + .hours(4))
        _ = engine.drainChanges()
        for number in 0..<7 { _ = try engine.join(room: "room-1", viewer: wx(number), now: broadcastStart) }
        for number in 0..<3 { _ = try engine.join(room: "room-2", viewer: wx(100 + number), now: broadcastStart) }
        // When drains take at most 4 viewer lines each
        var seen: [String] = []
        var rounds: [[Int]] = []
        while true {
            let changes = engine.drainChanges(limit: 4)
            if changes.isEmpty { break }
            rounds.append(changes.map(\.viewers.count))
            seen += changes.flatMap { $0.viewers.map(\.viewerID) }
            // Then a room is reported complete only with its last lines
            for change in changes where !change.isComplete { #expect(change.viewers.count > 0) }
            #expect(rounds.count <= 3)
            if rounds.count > 3 { break }
        }
        // Then no drain went over the limit, and every viewer was reported exactly once
        #expect(rounds.allSatisfy { $0.reduce(0, +) <= 4 })
        #expect(seen.sorted() == ((0..<7).map(wx) + (100..<103).map(wx)).sorted())
        #expect(engine.drainChanges().isEmpty)
    }
}
