import HuanjuTestSupport
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("RULES §7 — a broadcast ends by itself at its hard end")
struct ServiceHardEndTests {
    @Test func aBroadcastEndsAfter4HoursAndRefusesJoinsAfter() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast started at 10:00 with a viewer watching
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            #expect(started.broadcast?.endsAtMs == (serviceStart + .hours(4)).unixMilliseconds)
            let client = service.client()
            _ = try await service.viewer(Session.join, id, "wx_1", client: client)
            // When the clock reaches 14:00
            service.clock.advance(by: .hours(4))
            // Then joins are refused as ended
            await expectRefusal(.failedPrecondition, "ended") {
                try await service.viewer(Session.join, id, "wx_2", client: client)
            }
            // And after the sweep and the flush it is recorded as ended at 14:00 by its maximum duration
            await service.upkeep()
            let ended = try await service.hosted(Session.getBroadcast, id, as: accountA)
            #expect(ended.state == .ended)
            #expect(ended.endReason == .maxDuration)
            #expect(ended.endedAtMs == (serviceStart + .hours(4)).unixMilliseconds)
            #expect(ended.presentViewers == 0)
            // And joins are still refused as ended once the room left memory
            await expectRefusal(.failedPrecondition, "ended at 2020-06-01 14:00") {
                try await service.viewer(Session.join, id, "wx_3", client: client)
            }
            // And the code may start a new broadcast
            _ = try await service.start()
        }
    }

    @Test func aBroadcastStarted2HoursBeforeItsCodesValidityEndEndsAtThatInstant() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200, validUntil: serviceStart + .hours(2))
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a code valid until 12:00 starting a broadcast at 10:00
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            #expect(started.broadcast?.endsAtMs == (serviceStart + .hours(2)).unixMilliseconds)
            let client = service.client()
            _ = try await service.viewer(Session.join, id, "wx_1", client: client)
            // When the clock reaches 11:59:59.999, it is still live; at 12:00 it ends
            service.clock.advance(by: .hours(2) - .milliseconds(1))
            _ = try await service.viewer(Session.join, id, "wx_2", client: client)
            service.clock.advance(by: .milliseconds(1))
            await expectRefusal(.failedPrecondition, "ended") {
                try await service.viewer(Session.join, id, "wx_3", client: client)
            }
            // Then it is recorded as ended at 12:00 because the code expired
            await service.upkeep()
            let ended = try await service.hosted(Session.getBroadcast, id, token: started.hostToken)
            #expect(ended.endReason == .codeExpired)
            #expect(ended.endedAtMs == (serviceStart + .hours(2)).unixMilliseconds)
        }
    }

    @Test func aFeeRenewalMadeBeforeTheFeesEndKeepsTheBroadcastGoing() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200, feeActiveUntil: serviceStart + .hours(1))
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast whose account's fee ends at 11:00
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            #expect(started.broadcast?.endsAtMs == (serviceStart + .hours(1)).unixMilliseconds)
            // When the fee is renewed at 10:30 and activation's event arrives
            service.clock.advance(by: .minutes(30))
            activation.update { $0.feeActiveUntil = serviceStart + .days(365) }
            #expect(try await service.deliverAccountEvent(accountA, id: "ev-renewal").broadcastsRechecked == 1)
            // Then the hard end moves to start + 4 h, and viewers join after 11:00
            let shown = try await service.hosted(Session.getBroadcast, id, token: started.hostToken)
            #expect(shown.endsAtMs == (serviceStart + .hours(4)).unixMilliseconds)
            service.clock.advance(by: .minutes(45))
            await service.upkeep()
            let client = service.client()
            #expect(try await service.viewer(Session.join, id, "wx_1", client: client).presentViewers == 1)
            // And the new hard end is what the database holds
            let row = try #require(try await service.core.store.broadcast(id))
            #expect(row.hardEndAt == serviceStart + .hours(4))
        }
    }

    @Test func withoutAnEventTheSweepAsksOnceAsTheFeesEndArrives() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200, feeActiveUntil: serviceStart + .hours(1))
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast whose account's fee ends at 11:00, renewed, and no event heard
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            activation.update { $0.feeActiveUntil = serviceStart + .days(365) }
            let asked = activation.calls.load(ordering: .relaxed)
            // When sweeps run at 10:30 (not yet), then at 10:59:59.5 twice
            service.clock.advance(by: .minutes(30))
            await service.core.sweep()
            #expect(activation.calls.load(ordering: .relaxed) == asked)
            service.clock.advance(by: .minutes(30) - .milliseconds(500))
            await service.core.sweep()
            await service.core.sweep()
            // Then activation was asked once as the end arrived, and the end moved
            #expect(activation.calls.load(ordering: .relaxed) == asked + 1)
            let shown = try await service.hosted(Session.getBroadcast, id, token: started.hostToken)
            #expect(shown.endsAtMs == (serviceStart + .hours(4)).unixMilliseconds)
            #expect(shown.state == .live)
        }
    }

    @Test func anAccountEventThisBuildDoesNotKnowIsRefusedNotApplied() async throws {
        try await ServiceHarness.run { service in
            let peer = RPCClient(socketPath: service.server.configuration.operatorSocketPath, defaultDeadline: .seconds(20))
            await expectRefusal(.failedPrecondition, "upgrade room-session") {
                _ = try await SessionV1.RoomSessionService.Client(peer).deliverAccountEvent(
                    SessionV1.AccountEvent(eventID: "ev-9", accountID: accountA))
            }
            await expectRefusal(.permissionDenied) {
                _ = try await SessionV1.RoomSessionService.Client(service.client()).deliverAccountEvent(
                    SessionV1.AccountEvent(eventID: "ev-9", accountID: accountA, change: .feeTermsUpdated(.init())))
            }
        }
    }

    @Test func aRenewalAfterTheFeeLapsedDoesNotCarryTheBroadcastAcrossTheGap() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200, feeActiveUntil: serviceStart + .hours(1))
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast whose account's fee ends at 11:00
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            // When time passes 11:00 and a renewal after the lapse is what activation reports
            // before the sweeper first runs
            service.clock.advance(by: .minutes(90))
            activation.update { $0.feeActiveUntil = serviceStart + .days(365) }
            await service.upkeep()
            // Then the broadcast still ended at 11:00, when the fee lapsed
            let ended = try await service.hosted(Session.getBroadcast, id, token: started.hostToken)
            #expect(ended.state == .ended)
            #expect(ended.endReason == .feeLapsed)
            #expect(ended.endedAtMs == (serviceStart + .hours(1)).unixMilliseconds)
        }
    }

    @Test func withoutARenewalTheBroadcastEndsWhenTheFeeLapses() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200, feeActiveUntil: serviceStart + .hours(1))
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast whose account's fee ends at 11:00, and no renewal
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            service.clock.advance(by: .minutes(30))
            await service.upkeep()
            // When the clock reaches 11:00 (activation now calls the code SUSPENDED)
            service.clock.advance(by: .minutes(30))
            activation.update { $0.refusal = RPCError(.failedPrecondition, "code code_A is SUSPENDED") }
            await service.upkeep()
            // Then it ended at 11:00 because the fee lapsed, and a later renewal does not revive it
            activation.update {
                $0.refusal = nil
                $0.feeActiveUntil = serviceStart + .days(365)
            }
            await service.upkeep()
            let ended = try await service.hosted(Session.getBroadcast, id, token: started.hostToken)
            #expect(ended.state == .ended)
            #expect(ended.endReason == .feeLapsed)
            #expect(ended.endedAtMs == (serviceStart + .hours(1)).unixMilliseconds)
        }
    }
}
