import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("SERVICES — live broadcasts survive a restart")
struct ServiceRestartTests {
    @Test func aRestartReopensLiveBroadcastsWithTheirIdTokenLimitAndRadar() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        activation.add("HJ-BBBBB", id: "code_B", capacity: 200)
        let directory = TemporaryDirectory.make("hjrs")
        // Given (10-minute leases) a finished broadcast and a live one, both with 3 viewers who
        // joined a minute apart, flushed, the live one's viewers last seen at 10:03, 10:03, 10:04
        let (finished, live, finishedRadar) = try await ServiceHarness.run(
            authorizer: activation, lease: .minutes(10), directory: directory
        ) { service in
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
            for number in 0..<3 { _ = try await service.viewer(Session.heartbeat, liveID, "wx_\(number)", client: client) }
            _ = try await service.hosted(Session.endBroadcast, finishedID, token: finished.hostToken)
            service.clock.advance(by: .minutes(1))
            _ = try await service.viewer(Session.heartbeat, liveID, "wx_2", client: client)
            await service.upkeep()
            return (finished, live, try await service.radar(finishedID, token: finished.hostToken))
        }
        // When the service starts again on the same database, ten minutes later
        try await ServiceHarness.run(
            authorizer: activation, start: serviceStart + .minutes(14), lease: .minutes(10), directory: directory
        ) { service in
            let finishedID = try #require(finished.broadcast).broadcastID
            let liveID = try #require(live.broadcast).broadcastID
            let client = service.client()
            // Then the finished broadcast's radar is as it was
            let radarAfter = try await service.radar(finishedID, token: finished.hostToken)
            #expect(radarAfter.viewers == finishedRadar.viewers)
            #expect(radarAfter.totals == finishedRadar.totals)
            // And the live one is live under the same id, its host token still valid, no one present
            let reopened = try await service.hosted(Session.getBroadcast, liveID, token: live.hostToken)
            #expect(reopened.state == .live)
            #expect(reopened.viewerLimit == 200)
            #expect(reopened.endsAtMs == (serviceStart + .hours(4)).unixMilliseconds)
            #expect(reopened.presentViewers == 0)
            // And its radar is what was recorded: each visit closed at the viewer's last activity
            let radar = try await service.radar(liveID, token: live.hostToken)
            let watch = Dictionary(uniqueKeysWithValues: radar.viewers.map { ($0.viewerID, $0.watchMs) })
            #expect(watch == ["wx_0": 180_000, "wx_1": 120_000, "wx_2": 120_000])
            #expect(radar.totals?.uniqueViewers == 3)
            #expect(radar.totals?.totalWatchMs == 420_000)
            // And a heartbeat from before the restart is told to join again; the rejoin opens a new visit
            await expectRefusal(.notFound, "join again") {
                try await service.viewer(Session.heartbeat, liveID, "wx_0", client: client)
            }
            _ = try await service.viewer(Session.join, liveID, "wx_0", client: client)
            service.clock.advance(by: .minutes(1))
            let later = try await service.radar(liveID, token: live.hostToken)
            let wx0 = try #require(later.viewers.first { $0.viewerID == "wx_0" })
            #expect(wx0.visits == 2)
            #expect(wx0.watchMs == 180_000 + 60_000)
            #expect(later.totals?.uniqueViewers == 3)
            #expect(later.totals?.totalWatchMs == later.viewers.reduce(0) { $0 + $1.watchMs })
            // And its code still runs one broadcast at a time
            await expectRefusal(.failedPrecondition, "live already in broadcast \(liveID)") {
                _ = try await service.start("HJ-BBBBB")
            }
        }
    }

    @Test func aFullRoomIsExactlyFullAgainOnceItsViewersRejoinAfterARestart() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 3)
        let directory = TemporaryDirectory.make("hjrs")
        // Given a room of 3, full, flushed
        let started = try await ServiceHarness.run(authorizer: activation, directory: directory) { service in
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            let client = service.client()
            for number in 0..<3 { _ = try await service.viewer(Session.join, id, "wx_\(number)", client: client) }
            await expectRefusal(.resourceExhausted, "3") { try await service.viewer(Session.join, id, "wx_9", client: client) }
            await service.upkeep()
            return started
        }
        // When the service comes back and a newcomer races the three viewers back in
        try await ServiceHarness.run(authorizer: activation, start: serviceStart + .seconds(30), directory: directory) { service in
            let id = try #require(started.broadcast).broadcastID
            let client = service.client()
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for viewer in ["wx_9", "wx_0", "wx_1", "wx_2"] {
                    group.addTask { (try? await service.viewer(Session.join, id, viewer, client: client)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            // Then exactly 3 of the 4 get in, whoever they are, and the room holds exactly its limit
            #expect(outcomes.filter { $0 }.count == 3)
            let room = try await service.hosted(Session.getBroadcast, id, as: accountA)
            #expect(room.presentViewers == 3)
            #expect(room.state == .live)
        }
    }

    @Test func aBroadcastWhoseHardEndPassedWhileTheServiceWasDownEndsThenWithItsReason() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 10, validUntil: serviceStart + .hours(1))
        let directory = TemporaryDirectory.make("hjrs")
        // Given a broadcast whose code's validity ends at 11:00, with a viewer, flushed at 10:05
        let started = try await ServiceHarness.run(authorizer: activation, directory: directory) { service in
            let started = try await service.start()
            _ = try await service.viewer(
                Session.join, try #require(started.broadcast).broadcastID, "wx_1", client: service.client())
            service.clock.advance(by: .minutes(5))
            await service.upkeep()
            return started
        }
        // When the service starts again at 12:00
        try await ServiceHarness.run(authorizer: activation, start: serviceStart + .hours(2), directory: directory) { service in
            let id = try #require(started.broadcast).broadcastID
            // Then it ended at 11:00 because the code expired, its radar kept
            let ended = try await service.hosted(Session.getBroadcast, id, token: started.hostToken)
            #expect(ended.state == .ended)
            #expect(ended.endReason == .codeExpired)
            #expect(ended.endedAtMs == (serviceStart + .hours(1)).unixMilliseconds)
            #expect(try await service.radar(id, token: started.hostToken).viewers.map(\.viewerID) == ["wx_1"])
            // And its viewers are told it ended
            await expectRefusal(.failedPrecondition, "ended") {
                try await service.viewer(Session.join, id, "wx_2", client: service.client())
            }
        }
    }

    @Test func aReopenedTrialKeepsItsWeChatIdsOneTrialAtATime() async throws {
        let directory = TemporaryDirectory.make("hjrs")
        // Given a live trial by WeChat id "wx-trial-1"
        let trial = try await ServiceHarness.run(directory: directory) { service in
            try await service.trial(wechat: "wx-trial-1")
        }
        // When the service restarts
        try await ServiceHarness.run(start: serviceStart + .minutes(1), directory: directory) { service in
            // Then the trial is live, and that WeChat id cannot start another; another WeChat id can
            let id = try #require(trial.broadcast).broadcastID
            #expect(try await service.hosted(Session.getBroadcast, id, token: trial.hostToken).state == .live)
            await expectRefusal(.failedPrecondition, "runs a trial broadcast already: \(id)") {
                _ = try await service.trial(wechat: "wx-trial-1")
            }
            _ = try await service.trial(wechat: "wx-trial-2")
        }
    }

    @Test func aFeeRenewalSeenAfterARestartStillMovesTheFeeBoundEnd() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 10, feeActiveUntil: serviceStart + .hours(1))
        let directory = TemporaryDirectory.make("hjrs")
        // Given a broadcast bound by the fee's end at 11:00
        let started = try await ServiceHarness.run(authorizer: activation, directory: directory) { service in
            try await service.start()
        }
        // When the service restarts at 10:30 and the fee is renewed before 11:00 (activation's
        // relay delivers the event once room-session is back)
        try await ServiceHarness.run(authorizer: activation, start: serviceStart + .minutes(30), directory: directory) { service in
            let id = try #require(started.broadcast).broadcastID
            #expect(try await service.hosted(Session.getBroadcast, id, as: accountA).endsAtMs
                == (serviceStart + .hours(1)).unixMilliseconds)
            activation.update { $0.feeActiveUntil = serviceStart + .days(365) }
            _ = try await service.deliverAccountEvent(accountA, id: "ev-after-restart")
            // Then room-session asks activation by the code's id and the end moves to start + 4 h
            let renewed = try await service.hosted(Session.getBroadcast, id, as: accountA)
            #expect(renewed.endsAtMs == (serviceStart + .hours(4)).unixMilliseconds)
            #expect(renewed.state == .live)
        }
    }
}
