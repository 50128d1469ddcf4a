import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Broadcasts and viewers (RULES §7–§9) through the three real processes.
@Suite(.serialized) struct ScenarioBroadcastTests {
    /// An approved account with the fee bought at 2020-01-01 12:00 and its gift code bound on
    /// 2020-02-01 12:00 (valid until 2021-01-31 12:00) to device "phone" and WeChat id "wx-host".
    static func hostWithBoundCode(_ system: LocalSystem) async throws -> (Customer, ActivationV1.Code) {
        let customer = try await system.approvedEnterprise("host")
        _ = try await customer.buyAnnualFee(key: "fee")
        let gift = try #require(try await customer.waitForCodes(1).first)
        try system.setClock(.cst(2020, 2, 1, 12, 0))
        let bound = try #require(try await customer.bind(gift, device: "phone", wechat: "wx-host").code)
        return (customer, bound)
    }

    static func join(_ system: LocalSystem, _ broadcastID: String, _ viewer: String) async throws -> SessionV1.ViewerResponse {
        try await system.roomSession().join(SessionV1.ViewerRequest(broadcastID: broadcastID, viewerID: viewer))
    }

    static func trial(_ system: LocalSystem, wechat: String = "wx-trial") async throws -> SessionV1.StartBroadcastResponse {
        try await system.roomSession().startTrialBroadcast(
            SessionV1.StartTrialBroadcastRequest(deviceID: "trial-phone", wechatOpenid: wechat))
    }

    @Test func aTrialRefusesTheEleventhViewerAndItsRadarShowsTwoWithFullTotals() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("room-session")
            let trial = try await Self.trial(system)
            let id = try #require(trial.broadcast).broadcastID
            for index in 0..<10 { _ = try await Self.join(system, id, "viewer-\(index)") }
            let eleventh = await refusal { _ = try await Self.join(system, id, "viewer-10") }
            #expect(eleventh?.code == .resourceExhausted)
            #expect(eleventh?.message.contains("10") == true)
            try system.advanceClock(by: .seconds(30))
            let radar = try await system.roomSession().getRadar(SessionV1.RadarRequest(broadcastID: id, hostToken: trial.hostToken))
            #expect(radar.redacted)
            #expect(radar.viewers.count == 2)
            #expect(radar.totals?.uniqueViewers == 10)
            #expect(radar.totals?.peakViewers == 10)
        }
    }

    @Test func manyConnectionsRacingForTheLastPlacesAdmitExactlyTheLimit() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("room-session")
            let id = try #require(try await Self.trial(system).broadcast).broadcastID
            // Given 200 distinct viewers racing over 20 connections for a room of 10
            let crowd = try await Crowd.join(system, broadcastID: id, viewers: Crowd.viewerIDs(200), connections: 20, perConnection: 10)
            // Then exactly 10 are admitted and every other join is refused RESOURCE_EXHAUSTED
            #expect(crowd.admitted == 10)
            #expect(crowd.refused.count == 190)
            #expect(crowd.refused.allSatisfy { $0.code == .resourceExhausted })
        }
    }

    @Test func aLeaseNotRenewedFreesItsPlaceAndAHeartbeatKeepsIt() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("room-session")
            let id = try #require(try await Self.trial(system).broadcast).broadcastID
            for index in 0..<10 { _ = try await Self.join(system, id, "viewer-\(index)") }
            // Given nine viewers heartbeat after 30 s and the tenth falls silent
            try system.advanceClock(by: .seconds(30))
            for index in 0..<9 {
                _ = try await system.roomSession().heartbeat(SessionV1.ViewerRequest(broadcastID: id, viewerID: "viewer-\(index)"))
            }
            // When the 60 s lease of the silent one has passed
            try system.advanceClock(by: .seconds(31))
            // Then its place is free for a newcomer, and only for one
            #expect(try await Self.join(system, id, "newcomer-1").presentViewers == 10)
            #expect(await refusal { _ = try await Self.join(system, id, "newcomer-2") }?.code == .resourceExhausted)
        }
    }

    @Test func aBroadcastEndsByItselfAfterFourHours() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let (customer, code) = try await Self.hostWithBoundCode(system)
            let started = try await customer.startBroadcast(with: code, device: "phone", wechat: "wx-host")
            let broadcast = try #require(started.broadcast)
            #expect(broadcast.endsAtMs == .cst(2020, 2, 1, 16, 0))
            _ = try await Self.join(system, broadcast.broadcastID, "early-viewer")
            // When four hours have passed, Then joins are refused and the broadcast says why
            try system.setClock(.cst(2020, 2, 1, 16, 0))
            let late = await refusal { _ = try await Self.join(system, broadcast.broadcastID, "late-viewer") }
            #expect(late?.code == .failedPrecondition)
            let ended = try await eventually("broadcast recorded as ended") {
                let current = try await system.roomSession().getBroadcast(
                    SessionV1.HostedBroadcastRequest(broadcastID: broadcast.broadcastID), metadata: customer.metadata)
                return current.state == .ended ? current : nil
            }
            #expect(ended.endReason == .maxDuration)
            #expect(ended.endedAtMs == .cst(2020, 2, 1, 16, 0))
        }
    }

    @Test func aBroadcastStartedTwoHoursBeforeItsCodeExpiresEndsAtThatInstant() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let (customer, code) = try await Self.hostWithBoundCode(system)
            // Given the fee renewed (so only the code's validity, 2021-01-31 12:00, limits the broadcast)
            try system.setClock(.cst(2020, 6, 1, 12, 0))
            _ = try await customer.buyAnnualFee(key: "renewal")
            try system.setClock(.cst(2021, 1, 31, 10, 0))
            let started = try #require(try await eventually("renewal known to activation") {
                try? await customer.startBroadcast(with: code, device: "phone", wechat: "wx-host")
            }.broadcast)
            // Then it ends at the code's validity end, not 4 hours later
            #expect(started.endsAtMs == .cst(2021, 1, 31, 12, 0))
            try system.setClock(.cst(2021, 1, 31, 12, 0))
            #expect(await refusal { _ = try await Self.join(system, started.broadcastID, "v") }?.code == .failedPrecondition)
            let ended = try await eventually("ended") {
                let current = try await system.roomSession().getBroadcast(
                    SessionV1.HostedBroadcastRequest(broadcastID: started.broadcastID), metadata: customer.metadata)
                return current.state == .ended ? current : nil
            }
            #expect(ended.endReason == .codeExpired)
        }
    }

    @Test func aSuspendedCodeCannotStartABroadcast() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let (customer, code) = try await Self.hostWithBoundCode(system)
            try system.setClock(.cst(2021, 1, 10, 9, 0)) // the fee ended 2020-12-31 12:00
            // Then the refusal says SUSPENDED, since when, and what restores it — not another
            // FAILED_PRECONDITION such as "live already in another broadcast"
            await expectRefusal(.failedPrecondition, "is suspended", "the annual fee ended 2020-12-31 12:00 CST", "renew the annual fee") {
                _ = try await customer.startBroadcast(with: code, device: "phone", wechat: "wx-host")
            }
            // And no broadcast was recorded for it
            let list = try await system.roomSession().listBroadcasts(metadata: customer.metadata)
            #expect(list.broadcasts.isEmpty)
        }
    }

    @Test func oneLiveBroadcastPerCodeAndOnlyFromItsBoundWeChatId() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let (customer, code) = try await Self.hostWithBoundCode(system)
            let stranger = await refusal { _ = try await customer.startBroadcast(with: code, device: "phone", wechat: "wx-other") }
            #expect(stranger?.code == .permissionDenied)
            _ = try await customer.startBroadcast(with: code, device: "phone", wechat: "wx-host")
            await expectRefusal(.failedPrecondition, "is live already in broadcast", "one broadcast at a time") {
                _ = try await customer.startBroadcast(with: code, device: "phone", wechat: "wx-host")
            }
        }
    }

    @Test func aRestartKeepsTheRadarOfFinishedBroadcasts() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("room-session")
            let trial = try await Self.trial(system)
            let id = try #require(trial.broadcast).broadcastID
            for index in 0..<5 { _ = try await Self.join(system, id, "viewer-\(index)") }
            try system.advanceClock(by: .seconds(20))
            _ = try await system.roomSession().endBroadcast(SessionV1.HostedBroadcastRequest(broadcastID: id, hostToken: trial.hostToken))
            let before = try await system.roomSession().getRadar(SessionV1.RadarRequest(broadcastID: id, hostToken: trial.hostToken))
            // When the service restarts
            #expect(await system.stop("room-session") == 0)
            try await system.start("room-session")
            // Then the finished broadcast's radar is unchanged
            let after = try await system.roomSession().getRadar(SessionV1.RadarRequest(broadcastID: id, hostToken: trial.hostToken))
            #expect(after.totals == before.totals)
            #expect(after.viewers == before.viewers)
            #expect(after.totals?.uniqueViewers == 5)
            #expect(after.totals?.totalWatchMs == Int64(5 * 20_000))
        }
    }
}

/// Fee renewals reach room-session as events (issue 13): billing → activation → room-session
/// through the outboxes, with the real three processes.
@Suite(.serialized) struct ScenarioFeeRenewalTests {
    /// A broadcast started at 2020-12-31 10:00, bound by the fee's end at 12:00 (the code is
    /// valid until 2021-01-31 12:00).
    static func feeBoundBroadcast(_ system: LocalSystem) async throws -> (Customer, SessionV1.Broadcast) {
        let (customer, code) = try await ScenarioBroadcastTests.hostWithBoundCode(system)
        try system.setClock(.cst(2020, 12, 31, 10, 0))
        let started = try #require(try await customer.startBroadcast(with: code, device: "phone", wechat: "wx-host").broadcast)
        #expect(started.endsAtMs == .cst(2020, 12, 31, 12, 0))
        return (customer, started)
    }

    static func current(_ system: LocalSystem, _ customer: Customer, _ id: String) async throws -> SessionV1.Broadcast {
        try await system.roomSession().getBroadcast(SessionV1.HostedBroadcastRequest(broadcastID: id), metadata: customer.metadata)
    }

    @Test func aRenewalOneSecondBeforeTheFeesEndKeepsTheBroadcastGoing() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let (customer, broadcast) = try await Self.feeBoundBroadcast(system)
            // When the fee is renewed at 11:59:59
            try system.setClock(Instant.cst(2020, 12, 31, 11, 59) + .seconds(59))
            _ = try await customer.buyAnnualFee(key: "renewal")
            // Then the broadcast's end moves to start + 4 h as soon as the event arrives
            let moved = try await eventually("the renewal to reach room-session") {
                let now = try await Self.current(system, customer, broadcast.broadcastID)
                return now.endsAtMs == .cst(2020, 12, 31, 14, 0) ? now : nil
            }
            #expect(moved.state == .live)
            // And past the old end it is live and admits viewers
            try system.setClock(.cst(2020, 12, 31, 12, 30))
            _ = try await ScenarioBroadcastTests.join(system, broadcast.broadcastID, "viewer-after-12")
            #expect(try await Self.current(system, customer, broadcast.broadcastID).state == .live)
        }
    }

    @Test func aRenewalAfterTheLapseDoesNotCarryTheBroadcastAcrossTheGap() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let (customer, broadcast) = try await Self.feeBoundBroadcast(system)
            // When the fee's end passes, and the fee is renewed a minute later
            try system.setClock(.cst(2020, 12, 31, 12, 0))
            #expect(await refusal { _ = try await ScenarioBroadcastTests.join(system, broadcast.broadcastID, "late") }?.code
                == .failedPrecondition)
            try system.setClock(.cst(2020, 12, 31, 12, 1))
            _ = try await customer.buyAnnualFee(key: "renewal-after-lapse")
            _ = try await eventually("the renewal's event delivered to room-session") {
                let status = try await system.activation(operator: true).getOutboxStatus(.init(destination: "room-session"))
                return status.backlog == 0 && status.delivered >= 2 ? status : nil
            }
            // Then the broadcast stays ended at 12:00, because the fee lapsed
            let ended = try await eventually("ended") {
                let now = try await Self.current(system, customer, broadcast.broadcastID)
                return now.state == .ended ? now : nil
            }
            #expect(ended.endReason == .feeLapsed)
            #expect(ended.endedAtMs == .cst(2020, 12, 31, 12, 0))
        }
    }
}
