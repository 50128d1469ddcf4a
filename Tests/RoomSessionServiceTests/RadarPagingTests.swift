import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("GetRadar — keyset pages on the ranking, live and ended alike")
struct RadarPagingTests {
    /// Reads every page of a radar with `pageSize`; returns the lines in order.
    private func allPages(
        _ service: ServiceHarness, _ id: String, token: String, pageSize: UInt32
    ) async throws -> [SessionV1.RadarViewer] {
        var lines: [SessionV1.RadarViewer] = []
        var pageToken = ""
        repeat {
            let page = try await service.radar(id, token: token, pageSize: pageSize, pageToken: pageToken)
            lines += page.viewers
            pageToken = page.nextPageToken
        } while !pageToken.isEmpty
        return lines
    }

    @Test func viewersTiedOnWatchTimeAndFirstJoinArePagedByViewerIdAcrossPages() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given five viewers who joined at the same instant and stayed, and one who came later
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            let client = service.client()
            for viewer in ["e", "c", "a", "d", "b"] { _ = try await service.viewer(Session.join, id, viewer, client: client) }
            service.clock.advance(by: .minutes(1))
            _ = try await service.viewer(Session.join, id, "late", client: client)
            service.clock.advance(by: .minutes(1))
            // When the host reads the live radar two at a time
            let live = try await allPages(service, id, token: started.hostToken, pageSize: 2)
            // Then ties go to the smaller viewer id, each viewer once, ranks running on
            #expect(live.map(\.viewerID) == ["a", "b", "c", "d", "e", "late"])
            #expect(live.map(\.rank) == [1, 2, 3, 4, 5, 6])
            // And the ended radar, read from the database, pages the same way
            _ = try await service.hosted(Session.endBroadcast, id, token: started.hostToken)
            await service.upkeep()
            let stored = try await allPages(service, id, token: started.hostToken, pageSize: 2)
            #expect(stored == live)
        }
    }

    @Test func aLiveRadarPagesOnWhileWatchTimesGrowAndATokenCarriesOverToTheStoredRadar() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation, lease: .minutes(30)) { service in
            // Given four viewers who joined a minute apart and stayed (a 30-minute lease)
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            let client = service.client()
            for number in 0..<4 {
                _ = try await service.viewer(Session.join, id, "wx_\(number)", client: client)
                service.clock.advance(by: .minutes(1))
            }
            // When the host reads the first page, time passes (every watch time grows), and the
            // broadcast ends and leaves memory before the second page is read
            let first = try await service.radar(id, token: started.hostToken, pageSize: 2)
            service.clock.advance(by: .minutes(1))
            _ = try await service.hosted(Session.endBroadcast, id, token: started.hostToken)
            await service.upkeep()
            let second = try await service.radar(id, token: started.hostToken, pageSize: 2, pageToken: first.nextPageToken)
            // Then the second page holds the two after the first, ranked on
            #expect(first.viewers.map(\.viewerID) == ["wx_0", "wx_1"])
            #expect(second.viewers.map(\.viewerID) == ["wx_2", "wx_3"])
            #expect(second.viewers.map(\.rank) == [3, 4])
            #expect(second.viewers.map(\.watchMs) == [180_000, 120_000])
            #expect(second.nextPageToken == "")
        }
    }

    @Test func pageSizeZeroMeans50And501IsRefused() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given 51 viewers
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            #expect(try await service.fill(id, viewers: 0..<51).admitted == 51)
            // When the host reads the radar with page size 0
            let first = try await service.radar(id, token: started.hostToken)
            // Then it lists 50, and the next page the 51st
            #expect(first.viewers.count == 50)
            let second = try await service.radar(id, token: started.hostToken, pageToken: first.nextPageToken)
            #expect(second.viewers.map(\.rank) == [51])
            #expect(second.nextPageToken == "")
            // And 500 lists all, 501 is refused
            #expect(try await service.radar(id, token: started.hostToken, pageSize: 500).viewers.count == 51)
            await expectRefusal(.invalidArgument, "page_size must be at most 500 (got 501)") {
                try await service.radar(id, token: started.hostToken, pageSize: 501)
            }
        }
    }

    @Test func aTokenThatNamesNoViewerOfThisRadarIsRefused() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        activation.add("HJ-BBBBB", id: "code_B", capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given two broadcasts with viewers, and a token the first one's host was given
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            let other = try await service.start("HJ-BBBBB")
            let otherID = try #require(other.broadcast).broadcastID
            let client = service.client()
            for number in 0..<3 {
                _ = try await service.viewer(Session.join, id, "wx_\(number)", client: client)
                _ = try await service.viewer(Session.join, otherID, "other_\(number)", client: client)
                service.clock.advance(by: .minutes(1))
            }
            let issued = try await service.radar(id, token: started.hostToken, pageSize: 1).nextPageToken
            let otherToken = try await service.radar(otherID, token: other.hostToken, pageSize: 1).nextPageToken
            let firstJoin = serviceStart.unixMilliseconds
            // When tokens are forged: no token at all, another broadcast's, an unknown viewer, a
            // real viewer with another first join
            let forged = [
                "abc", issued + "A", otherToken,
                PagePosition(key: 0, secondKey: firstJoin, id: "wx_99").token,
                PagePosition(key: 0, secondKey: firstJoin + 1, id: "wx_0").token,
            ]
            // Then each is refused as not issued
            for token in forged {
                await expectRefusal(.invalidArgument, "is not one this service issued") {
                    try await service.radar(id, token: started.hostToken, pageToken: token)
                }
            }
            // And the issued one continues after wx_0
            let next = try await service.radar(id, token: started.hostToken, pageSize: 1, pageToken: issued)
            #expect(next.viewers.map(\.viewerID) == ["wx_1"])
        }
    }

    @Test func aTrialRadarIsOnePageOfItsTop2AndRefusesAnyToken() async throws {
        try await ServiceHarness.run { service in
            // Given a trial with five viewers who joined a minute apart
            let started = try await service.trial()
            let id = try #require(started.broadcast).broadcastID
            let client = service.client()
            for number in 0..<5 {
                _ = try await service.viewer(Session.join, id, "viewer-\(number)", client: client)
                service.clock.advance(by: .minutes(1))
            }
            // When the host reads it with page size 1, 2 and 0
            // Then each time it is the top 2, redacted, with no next page
            for size: UInt32 in [1, 2, 0] {
                let radar = try await service.radar(id, token: started.hostToken, pageSize: size)
                #expect(radar.redacted)
                #expect(radar.viewers.map(\.viewerID) == ["viewer-0", "viewer-1"])
                #expect(radar.nextPageToken == "")
            }
            // And any token, even one naming a listed viewer, is refused
            let topViewer = PagePosition(key: 300_000, secondKey: serviceStart.unixMilliseconds, id: "viewer-0").token
            await expectRefusal(.invalidArgument, "is not one this service issued") {
                try await service.radar(id, token: started.hostToken, pageToken: topViewer)
            }
            // And so it stays once the trial ended and its radar is read from the database
            _ = try await service.hosted(Session.endBroadcast, id, token: started.hostToken)
            await service.upkeep()
            let stored = try await service.radar(id, token: started.hostToken, pageSize: 1)
            #expect(stored.viewers.map(\.viewerID) == ["viewer-0", "viewer-1"])
            #expect(stored.nextPageToken == "")
            await expectRefusal(.invalidArgument, "is not one this service issued") {
                try await service.radar(id, token: started.hostToken, pageToken: topViewer)
            }
        }
    }
}
