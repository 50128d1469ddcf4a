import HuanjuDomain
import Testing

@Suite("RULES §9 — data radar")
struct RadarTests {
    static let start = Instant.cst(2020, 6, 1, 10, 0)

    static func viewer(_ id: String, joinedAfter minutes: Int64, watched watchMinutes: Int64) -> ViewerStats {
        let join = start + .minutes(minutes)
        return ViewerStats(
            viewerID: id, firstJoin: join, lastSeen: join + .minutes(watchMinutes), visits: 1, watchTime: .minutes(watchMinutes))
    }

    static let viewers = [
        viewer("late-long", joinedAfter: 30, watched: 90),
        viewer("early-short", joinedAfter: 0, watched: 10),
        viewer("tie-later", joinedAfter: 20, watched: 60),
        viewer("tie-earlier", joinedAfter: 5, watched: 60),
        viewer("middle", joinedAfter: 1, watched: 30),
    ]

    static let totals = BroadcastTotals(start: start, end: start + .hours(4), peakConcurrent: 4, viewers: viewers)

    @Test func radarRanksByWatchTimeThenEarlierFirstJoin() {
        // Given viewers with different watch times and a tie at 60 minutes
        // When ranked / Then the longest watcher is first and the tie goes to the earlier first join
        #expect(Radar.ranked(Self.viewers).map(\.viewerID) == ["late-long", "tie-earlier", "tie-later", "middle", "early-short"])
        // And a full tie falls back to the viewer id, so the order is deterministic
        let twins = [Self.viewer("b", joinedAfter: 1, watched: 5), Self.viewer("a", joinedAfter: 1, watched: 5)]
        #expect(Radar.ranked(twins).map(\.viewerID) == ["a", "b"])
    }

    @Test func paidRadarListsEveryViewerPaged() throws {
        // Given a paid broadcast with 5 viewers
        // When read 2 at a time
        let first = try Radar.page(of: Self.viewers, totals: Self.totals, kind: .paid, offset: 0, pageSize: 2)
        let third = try Radar.page(of: Self.viewers, totals: Self.totals, kind: .paid, offset: 4, pageSize: 2)
        // Then every viewer is listed across pages, with ranks and a next offset until the last page
        #expect(first.entries.map(\.viewerID) == ["late-long", "tie-earlier"])
        #expect(first.firstRank == 1)
        #expect(first.nextOffset == 2)
        #expect(first.listedViewers == 5)
        #expect(third.entries.map(\.viewerID) == ["early-short"])
        #expect(third.firstRank == 5)
        #expect(third.nextOffset == nil)
    }

    @Test func trialRadarShowsTheTopTwoWithFullTotals() throws {
        // Given a trial broadcast with 5 viewers
        // When its radar is read
        let page = try Radar.page(of: Self.viewers, totals: Self.totals, kind: .trial)
        // Then only the top 2 are listed, but the totals cover all 5 viewers
        #expect(page.entries.map(\.viewerID) == ["late-long", "tie-earlier"])
        #expect(page.listedViewers == 2)
        #expect(page.nextOffset == nil)
        #expect(page.totals.uniqueViewers == 5)
        #expect(page.totals.totalWatchTime == .minutes(90 + 10 + 60 + 60 + 30))
        #expect(page.totals.peakConcurrent == 4)
        #expect(try Radar.page(of: Self.viewers, totals: Self.totals, kind: .trial, offset: 2).entries.isEmpty)
    }

    @Test func radarPagesAreBounded() {
        // Given page requests out of range / When read / Then refused as invalid
        expectDomainError(.invalidArgument, "between 1 and 500") {
            _ = try Radar.page(of: Self.viewers, totals: Self.totals, kind: .paid, pageSize: 501)
        }
        expectDomainError(.invalidArgument) { _ = try Radar.page(of: Self.viewers, totals: Self.totals, kind: .paid, pageSize: 0) }
        expectDomainError(.invalidArgument) { _ = try Radar.page(of: Self.viewers, totals: Self.totals, kind: .paid, offset: -1) }
    }

    @Test func viewerStatsAccumulateVisitsAndWatchTime() {
        // Given a viewer's first join at 10:00
        var stats = ViewerStats.firstVisit(viewerID: "v", at: Self.start)
        // When its first visit ends at 10:20 and a second runs 11:00–11:05
        stats.recordVisit(from: Self.start, to: Self.start + .minutes(20), countsAsVisit: false)
        stats.recordVisit(from: Self.start + .hours(1), to: Self.start + .minutes(65))
        // Then it has 2 visits, 25 minutes watched, last seen 11:05, first join unchanged
        #expect(stats.visits == 2)
        #expect(stats.watchTime == .minutes(25))
        #expect(stats.lastSeen == Self.start + .minutes(65))
        #expect(stats.firstJoin == Self.start)
    }
}
