import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("SERVICES — what a restart keeps")
struct ServiceRestartTests {
    @Test func aRestartKeepsTheRadarOfFinishedBroadcastsAndEndsLiveOnesAsRestarted() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        activation.add("HJ-BBBBB", id: "code_B", capacity: 200)
        let directory = TemporaryDirectory.make("hjrs")
        // Given a finished broadcast and a live one, both with viewers, flushed
        let (finished, live, radarBefore) = try await ServiceHarness.run(authorizer: activation, directory: directory) { service in
            let client = service.client()
            let finished = try await service.start()
            let finishedID = try #require(finished.broadcast).broadcastID
            let live = try await service.start("HJ-BBBBB")
            let liveID = try #require(live.broadcast).broadcastID
            for number in 0..<3 {
                _ = try await service.viewer(Session.join, finishedID, "wx_\(number)", client: client)
                _ = try await service.viewer(Session.join, liveID, "wx_\(number)", client: client)
                service.clock.advance(by: .minutes(1))
            }
            _ = try await service.hosted(Session.endBroadcast, finishedID, token: finished.hostToken)
            await service.upkeep()
            let radarBefore = try await service.radar(finishedID, token: finished.hostToken)
            // (the live one keeps going for 10 more minutes after its last flush, then the process dies)
            service.clock.advance(by: .minutes(10))
            return (finished, live, radarBefore)
        }
        // When the service starts again on the same database, an hour later
        try await ServiceHarness.run(authorizer: activation, start: serviceStart + .hours(1), directory: directory) { service in
            let finishedID = try #require(finished.broadcast).broadcastID
            let liveID = try #require(live.broadcast).broadcastID
            // Then the finished broadcast's radar is as it was
            let radarAfter = try await service.radar(finishedID, token: finished.hostToken)
            #expect(radarAfter.viewers == radarBefore.viewers)
            #expect(radarAfter.totals == radarBefore.totals)
            #expect(radarAfter.viewers.count == 3)
            // And the live one ended with SERVICE_RESTARTED at its last flush, its radar kept
            let ended = try await service.hosted(Session.getBroadcast, liveID, as: accountA)
            #expect(ended.state == .ended)
            #expect(ended.endReason == .serviceRestarted)
            #expect(ended.endedAtMs == (serviceStart + .minutes(3)).unixMilliseconds)
            let liveRadar = try await service.radar(liveID, token: live.hostToken)
            #expect(liveRadar.viewers.map(\.viewerID) == ["wx_0", "wx_1", "wx_2"])
            #expect(liveRadar.totals?.uniqueViewers == 3)
            // And its viewers are told it ended; the code starts a new broadcast
            await expectRefusal(.failedPrecondition, "ended") {
                try await service.viewer(Session.join, liveID, "wx_9", client: service.client())
            }
            _ = try await service.start("HJ-BBBBB")
        }
    }
}
