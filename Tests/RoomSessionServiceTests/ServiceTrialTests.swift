import HuanjuTestSupport
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("RULES §8, §9 — the free trial over the wire")
struct ServiceTrialTests {
    @Test func aTrialRefusesThe11thViewerAndItsRadarShowsTheTop2WithTotalsOverAll() async throws {
        try await ServiceHarness.run(lease: .minutes(5)) { service in
            // Given a trial broadcast, with 10 viewers joining a minute apart
            let started = try await service.trial()
            let trial = try #require(started.broadcast)
            #expect(trial.kind == .trial)
            #expect(trial.viewerLimit == 10)
            #expect(trial.endsAtMs == (serviceStart + .hours(4)).unixMilliseconds)
            let client = service.client()
            for number in 0..<10 {
                _ = try await service.viewer(Session.join, trial.broadcastID, "viewer-\(number)", client: client)
                service.clock.advance(by: .minutes(1))
                for present in 0...number {
                    _ = try await service.viewer(Session.heartbeat, trial.broadcastID, "viewer-\(present)", client: client)
                }
            }
            // When an 11th viewer joins
            await expectRefusal(.resourceExhausted, "limit 10") {
                try await service.viewer(Session.join, trial.broadcastID, "viewer-10", client: client)
            }
            // Then the radar lists only the two longest watchers, ranked, with totals over all 10
            let radar = try await service.radar(trial.broadcastID, token: started.hostToken)
            #expect(radar.redacted)
            #expect(radar.viewers.map(\.viewerID) == ["viewer-0", "viewer-1"])
            #expect(radar.viewers.map(\.rank) == [1, 2])
            #expect(radar.viewers.map(\.watchMs) == [600_000, 540_000])
            let totals = try #require(radar.totals)
            #expect(totals.uniqueViewers == 10)
            #expect(totals.peakViewers == 10)
            #expect(totals.totalWatchMs == (1...10).reduce(0) { $0 + Int64($1) * 60_000 })
            #expect(radar.nextPageToken == "")
            // And the same once the trial ended and its radar is read from the database
            _ = try await service.hosted(Session.endBroadcast, trial.broadcastID, token: started.hostToken)
            await service.upkeep()
            #expect(throws: DomainError.self) { try service.core.engine.snapshot(room: trial.broadcastID, now: service.clock.now()) }
            let stored = try await service.radar(trial.broadcastID, token: started.hostToken)
            #expect(stored.redacted)
            #expect(stored.viewers.map(\.viewerID) == ["viewer-0", "viewer-1"])
            #expect(stored.viewers.map(\.watchMs) == [600_000, 540_000])
            #expect(stored.totals?.uniqueViewers == 10)
            #expect(stored.totals?.totalWatchMs == totals.totalWatchMs)
            #expect(stored.totals?.endedAtMs == (serviceStart + .minutes(10)).unixMilliseconds)
        }
    }

    @Test func aTrialNeedsADeviceIdAndAWeChatId() async throws {
        try await ServiceHarness.run { service in
            await expectRefusal(.invalidArgument, "device id") { try await service.trial(device: "", wechat: "wx") }
            await expectRefusal(.invalidArgument, "WeChat id") { try await service.trial(device: "phone", wechat: " ") }
        }
    }

    @Test func oneWeChatIdRunsOneLiveTrialAtATime() async throws {
        try await ServiceHarness.run { service in
            // Given a live trial of one WeChat id
            let first = try await service.trial(wechat: "wx-one")
            let firstID = try #require(first.broadcast).broadcastID
            // When the same WeChat id starts another (from any device)
            // Then it is refused naming the live one, while another WeChat id may start one
            await expectRefusal(.failedPrecondition, firstID) { try await service.trial(device: "other-phone", wechat: "wx-one") }
            _ = try await service.trial(wechat: "wx-two")
            // And once the first ended, the WeChat id may start a new trial
            _ = try await service.hosted(Session.endBroadcast, firstID, token: first.hostToken)
            _ = try await service.trial(wechat: "wx-one")
        }
    }

    @Test func aTrialRadarIsTheHostTokensOnly() async throws {
        try await ServiceHarness.run { service in
            let started = try await service.trial()
            let id = try #require(started.broadcast).broadcastID
            await expectRefusal(.notFound) { try await service.radar(id) }
            await expectRefusal(.notFound) { try await service.radar(id, as: accountA) }
            await expectRefusal(.notFound) { try await service.radar(id, token: "ht_WRONG") }
            #expect(try await service.radar(id, token: started.hostToken).broadcast?.broadcastID == id)
        }
    }
}
