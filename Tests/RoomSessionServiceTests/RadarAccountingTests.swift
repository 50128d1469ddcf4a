import HuanjuDomain
import Testing

@testable import RoomSessionService

@Suite("RULES §9 — the radar's accounting")
struct RadarAccountingTests {
    static func at(_ minute: Int, _ second: Int = 0) -> Instant { .cst(2020, 6, 1, 10, minute, second) }

    @Test func visitsAndWatchTimeCountAcrossLeaveRejoinLeaseExpiryAndEnd() throws {
        // Given a room where alice leaves and comes back, bob goes silent and carol stays to the end
        let engine = try engineWithRoom(limit: 10)
        func join(_ viewer: String, _ instant: Instant) throws { _ = try engine.join(room: "room-1", viewer: viewer, now: instant) }
        try join("alice", Self.at(0))
        try join("bob", Self.at(0))
        try engine.heartbeat(room: "room-1", viewer: "alice", now: Self.at(0, 30))
        try engine.heartbeat(room: "room-1", viewer: "bob", now: Self.at(0, 40))
        try engine.leave(room: "room-1", viewer: "alice", now: Self.at(1))  // visit 1: 60 s
        try join("alice", Self.at(2))  // visit 2
        try join("alice", Self.at(2, 10))  // a rejoin while present: not a visit
        try engine.leave(room: "room-1", viewer: "alice", now: Self.at(3))  // visit 2: 60 s
        // bob's lease ends at 10:01:40; his visit closes at his last heartbeat, 10:00:40
        try join("carol", Self.at(5))
        for beat in 1...9 { try engine.heartbeat(room: "room-1", viewer: "carol", now: Self.at(5) + .seconds(30 * Int64(beat))) }
        // When the host ends the broadcast at 10:10 and the radar is read later
        try engine.end("room-1", at: Self.at(10), reason: .host)
        let radar = try engine.radar(room: "room-1", now: Self.at(20))
        // Then each viewer's visits and watch time follow the accounting
        let byID = Dictionary(uniqueKeysWithValues: radar.viewers.map { ($0.viewerID, $0) })
        #expect(byID["alice"] == ViewerStats(viewerID: "alice", firstJoin: Self.at(0), lastSeen: Self.at(3), visits: 2, watchTime: .seconds(120)))
        #expect(byID["bob"] == ViewerStats(viewerID: "bob", firstJoin: Self.at(0), lastSeen: Self.at(0, 40), visits: 1, watchTime: .seconds(40)))
        #expect(byID["carol"] == ViewerStats(viewerID: "carol", firstJoin: Self.at(5), lastSeen: Self.at(9, 30), visits: 1, watchTime: .minutes(5)))
        // And the totals: peak 2 (alice and bob at 10:00), 3 unique viewers, 460 s watched
        #expect(radar.totals == BroadcastTotals(
            start: broadcastStart, end: Self.at(10), peakConcurrent: 2, uniqueViewers: 3, totalWatchTime: .seconds(460)))
        #expect(try radar.page().entries.map(\.viewerID) == ["carol", "alice", "bob"])
    }

    @Test func openVisitCountsUpToNowAndAViewerNeverSeenAgainWatchedNothing() throws {
        // Given a viewer who joined at 10:00
        let engine = try engineWithRoom(limit: 10)
        _ = try engine.join(room: "room-1", viewer: wx(1), now: Self.at(0))
        // When the radar is read at 10:00:30 / Then its open visit counts 30 s, in the totals too
        let live = try engine.radar(room: "room-1", now: Self.at(0, 30))
        #expect(live.viewers.map(\.watchTime) == [.seconds(30)])
        #expect(live.totals.totalWatchTime == .seconds(30))
        #expect(live.totals.end == nil)
        // When its lease ran out without a heartbeat / Then the visit closed at its last seen: nothing watched
        let expired = try engine.radar(room: "room-1", now: Self.at(1, 30))
        #expect(expired.viewers.map(\.watchTime) == [.zero])
        #expect(expired.viewers.map(\.visits) == [1])
    }

    @Test func peakAndUniqueViewersCountPeopleNotJoins() throws {
        // Given viewers coming and going: at most 3 at once, 4 distinct
        let engine = try engineWithRoom(limit: 10)
        for number in 1...3 { _ = try engine.join(room: "room-1", viewer: wx(number), now: Self.at(0)) }
        try engine.leave(room: "room-1", viewer: wx(1), now: Self.at(1))
        try engine.leave(room: "room-1", viewer: wx(2), now: Self.at(1))
        _ = try engine.join(room: "room-1", viewer: wx(1), now: Self.at(2))
        _ = try engine.join(room: "room-1", viewer: wx(4), now: Self.at(2))
        _ = try engine.join(room: "room-1", viewer: wx(4), now: Self.at(2, 1))
        // When the radar is read / Then peak 3, unique 4, and wx(1) has 2 visits
        let radar = try engine.radar(room: "room-1", now: Self.at(2, 30))
        #expect(radar.totals.peakConcurrent == 3)
        #expect(radar.totals.uniqueViewers == 4)
        #expect(radar.viewers.first { $0.viewerID == wx(1) }?.visits == 2)
        #expect(try engine.snapshot(room: "room-1", now: Self.at(2, 30)).uniqueViewers == 4)
    }

    @Test func radarRanksTiesByEarlierFirstJoin() throws {
        // Given two viewers who each watched 60 s, "zed" joining before "amy"
        let engine = try engineWithRoom(limit: 10)
        _ = try engine.join(room: "room-1", viewer: "zed", now: Self.at(0))
        _ = try engine.join(room: "room-1", viewer: "amy", now: Self.at(0, 10))
        try engine.heartbeat(room: "room-1", viewer: "zed", now: Self.at(0, 50))
        try engine.heartbeat(room: "room-1", viewer: "amy", now: Self.at(1))
        try engine.leave(room: "room-1", viewer: "zed", now: Self.at(1))
        try engine.leave(room: "room-1", viewer: "amy", now: Self.at(1, 10))
        // When the radar is ranked / Then the earlier first join ranks first despite its id
        let page = try engine.radar(room: "room-1", now: Self.at(5)).page()
        #expect(page.entries.map(\.viewerID) == ["zed", "amy"])
        #expect(page.entries.map(\.watchTime) == [.seconds(60), .seconds(60)])
    }

    @Test func trialRadarShowsTheTopTwoWithFullTotals() throws {
        // Given a trial room where 5 viewers watched 1 to 5 minutes
        let engine = try engineWithRoom("trial-1", kind: .trial, limit: 10)
        for number in 1...5 {
            _ = try engine.join(room: "trial-1", viewer: wx(number), now: Self.at(0))
        }
        for beat in 1...10 {  // every 30 s, viewer n heartbeats until it leaves at minute n
            let now = Self.at(0) + .seconds(30 * Int64(beat))
            for number in 1...5 where 2 * number >= beat {
                if 2 * number == beat {
                    try engine.leave(room: "trial-1", viewer: wx(number), now: now)
                } else {
                    try engine.heartbeat(room: "trial-1", viewer: wx(number), now: now)
                }
            }
        }
        // When its radar is paged
        let page = try engine.radar(room: "trial-1", now: Self.at(30)).page()
        // Then only the top 2 are listed, and the totals cover all 5
        #expect(page.entries.map(\.viewerID) == [wx(5), wx(4)])
        #expect(page.listedViewers == 2)
        #expect(page.totals.uniqueViewers == 5)
        #expect(page.totals.totalWatchTime == .minutes(1 + 2 + 3 + 4 + 5))
        #expect(page.totals.peakConcurrent == 5)
    }
}
