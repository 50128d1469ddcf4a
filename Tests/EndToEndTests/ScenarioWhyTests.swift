import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// "Why" at any instant over the wire, with the three real processes and the shared
/// controllable clock: the guide's accounts replayed (RULES §11 — account A renews while its
/// fee is active, account C only after the lapse), then explanations at the guide's instants,
/// each boundary to the millisecond; StartBroadcast and the explanation of "now" agree word for
/// word; another account's code is NOT_FOUND like an unknown one; and huanjuctl prints both.
@Suite(.serialized) struct ScenarioWhyTests {
    static let feeEnd = Instant.cst(2020, 12, 31, 12, 0)
    static let lateRenewal = Instant.cst(2021, 1, 10, 9, 0)
    static let validityEnd = Instant.cst(2021, 1, 31, 12, 0)

    @Test func explanationsAndTimelinesAtTheGuidesInstants() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let operatorOnDuty = Operator(system: system)
            let a = try await system.approvedEnterprise("why-a")
            let c = try await system.approvedEnterprise("why-c")
            let intruder = try await system.approvedEnterprise("why-intruder")

            // 2020-01-01 12:00: A and C buy the annual fee, each with its gift code
            _ = try await a.buyAnnualFee(key: "fee-a")
            _ = try await c.buyAnnualFee(key: "fee-c")
            let codeA = try #require(try await a.waitForCodes(1).first)
            let codeC = try #require(try await c.waitForCodes(1).first)

            // Before binding (asked now, 2020-01-01 12:00): UNBOUND, and StartBroadcast says the same
            try await expectAgreement(c, codeC, device: "phone-c", wechat: "wx-c", status: .failedPrecondition)

            // 2020-02-01 12:00: both bound
            try system.setClock(.cst(2020, 2, 1, 12, 0))
            _ = try await a.bind(codeA, device: "phone-a", wechat: "wx-a")
            _ = try await c.bind(codeC, device: "phone-c", wechat: "wx-c")

            // 2020-05-01 15:00: A renews while active (fee until 2021-12-31 12:00), gift code B
            try system.setClock(.cst(2020, 5, 1, 15, 0))
            _ = try await a.buyAnnualFee(key: "fee-a-renewal")
            let codeB = try #require(try await a.waitForCodes(2).first { $0.codeID != codeA.codeID })
            // 2020-05-02 10:00: B bound; 2020-05-03 10:00: an expansion of 10,000 viewers applied to B
            try system.setClock(.cst(2020, 5, 2, 10, 0))
            _ = try await a.bind(codeB, device: "phone-b", wechat: "wx-b")
            let ticket = try await a.openTicket(for: codeB.codeID, groups: 100)
            try await operatorOnDuty.approveTicket(ticket.ticketID)
            _ = try await a.payTicket(ticket.ticketID, key: "expand-b")
            let applyAt = Instant.cst(2020, 5, 3, 10, 0)
            try system.setClock(applyAt)
            #expect(try await operatorOnDuty.applyExpansion(ticket.ticketID).code?.capacity == 30_000)

            // 2020-12-31 12:00: C's fee ends unrenewed. StartBroadcast and the explanation of now agree
            try system.setClock(Self.feeEnd)
            try await expectAgreement(c, codeC, device: "phone-c", wechat: "wx-c", status: .failedPrecondition)
            // A renewed in time: it starts, and the explanation gave that broadcast's end and limit
            let explainedA = try await explain(a, codeA, device: "phone-a", wechat: "wx-a")
            let startedA = try #require(try await a.startBroadcast(with: codeA, device: "phone-a", wechat: "wx-a").broadcast)
            #expect(explainedA.status == .ok && explainedA.message == "")
            #expect(explainedA.hardEndMs == startedA.endsAtMs && explainedA.hardEndMs == .cst(2020, 12, 31, 16, 0))
            #expect(explainedA.capacity?.capacity == startedA.viewerLimit)
            _ = try await system.roomSession().endBroadcast(
                SessionV1.HostedBroadcastRequest(broadcastID: startedA.broadcastID), metadata: a.metadata)

            // 2021-01-10 09:00: C renews after the lapse; once activation knows, it is usable again
            try system.setClock(Self.lateRenewal)
            _ = try await c.buyAnnualFee(key: "fee-c-renewal")
            let renewed = try await eventually("C's renewal known to activation") {
                let answer = try await explain(c, codeC, device: "phone-c", wechat: "wx-c")
                return answer.status == .ok ? answer : nil
            }
            #expect(renewed.hardEndMs == .cst(2021, 1, 10, 13, 0) && renewed.hardEndCause == .maxDuration)

            // 2021-06-01: every code has expired; StartBroadcast and the explanation agree on it
            try system.setClock(.cst(2021, 6, 1, 12, 0))
            try await expectAgreement(c, codeC, device: "phone-c", wechat: "wx-c", status: .failedPrecondition)
            try await expectAgreement(a, codeB, device: "phone-b", wechat: "wx-b", status: .failedPrecondition)

            // As known now, at the guide's instants:
            // C before its binding: UNBOUND, bind before 2020-03-01 12:00
            let early = try await explain(c, codeC, at: .cst(2020, 1, 15, 10, 0), device: "phone-c", wechat: "wx-c")
            #expect(early.code?.status == .unbound && early.bindingMatch == .notBound)
            #expect(early.nextChange == "bind before 2020-03-01 12:00 CST; it was bound 2020-02-01 12:00 CST (ACTIVE from then)")
            // C a millisecond before the fee's end: OK, a broadcast would end with the fee
            let lastMinute = try await explain(c, codeC, at: Self.feeEnd - .milliseconds(1), device: "phone-c", wechat: "wx-c")
            #expect(lastMinute.status == .ok && lastMinute.hardEndMs == Self.feeEnd.unixMilliseconds)
            #expect(lastMinute.hardEndCause == .feeEnd)
            // C at the fee's end, in the lapse gap: SUSPENDED until the renewal on 2021-01-10 09:00
            let gap = try await explain(c, codeC, at: Self.feeEnd, device: "phone-c", wechat: "wx-c")
            #expect(gap.status == .failedPrecondition && gap.code?.status == .suspended)
            #expect(gap.message == "code \(codeC.codeMasked) is suspended: the annual fee ended 2020-12-31 12:00 CST; renew the "
                + "annual fee to use it again (the code stays valid until 2021-01-31 12:00 CST)")
            #expect(gap.fee?.standing == .gap(ActivationV1.FeeGap(
                previousEndMs: Self.feeEnd.unixMilliseconds, nextStartMs: Self.lateRenewal.unixMilliseconds)))
            #expect(gap.nextChangeMs == Self.lateRenewal.unixMilliseconds && gap.nextStatus == .active)
            #expect(gap.nextChange == "usable again from 2021-01-10 09:00 CST, when the annual fee was renewed")
            // C a millisecond before its validity end, and at it
            let lastValid = try await explain(c, codeC, at: Self.validityEnd - .milliseconds(1), device: "phone-c", wechat: "wx-c")
            #expect(lastValid.status == .ok && lastValid.hardEndCause == .codeValidity)
            #expect(lastValid.hardEndMs == Self.validityEnd.unixMilliseconds)
            #expect(lastValid.nextChange.hasPrefix("usable until 2021-01-31 12:00 CST"))
            let expired = try await explain(c, codeC, at: Self.validityEnd, device: "phone-c", wechat: "wx-c")
            #expect(expired.code?.status == .expired)
            #expect(expired.message == "code \(codeC.codeMasked) expired at 2021-01-31 12:00 CST; a code can never be renewed or "
                + "extended, buy a new one")
            #expect(expired.nextChange == "never again: codes cannot be renewed; buy a new code")
            // A at C's gap instant: renewed in time, still usable
            #expect(try await explain(a, codeA, at: Self.feeEnd, device: "phone-a", wechat: "wx-a").status == .ok)
            // A from another WeChat id: PERMISSION_DENIED, naming which id differs
            let stranger = try await explain(a, codeA, at: .cst(2020, 6, 1), device: "phone-a", wechat: "wx-stranger")
            #expect(stranger.status == .permissionDenied && stranger.bindingMatch == .differs)
            #expect(stranger.deviceIDMatches && !stranger.wechatOpenidMatches)
            // B's capacity: 20,000 a millisecond before the expansion was applied, 30,000 from then
            let beforeExpansion = try await explain(a, codeB, at: applyAt - .milliseconds(1))
            let afterExpansion = try await explain(a, codeB, at: applyAt)
            #expect(beforeExpansion.bindingMatch == .notGiven && beforeExpansion.status == .ok)
            #expect(beforeExpansion.capacity == ActivationV1.CapacityAtInstant(
                capacity: 20_000, baseViewers: 20_000, addonGroups: 0, expansionGroups: 0, expansionsApplied: 0))
            #expect(afterExpansion.capacity == ActivationV1.CapacityAtInstant(
                capacity: 30_000, baseViewers: 20_000, addonGroups: 0, expansionGroups: 100, expansionsApplied: 1))

            // The timelines, as known now
            let timelineC = try await system.activation().getCodeTimeline(
                ActivationV1.GetCodeTimelineRequest(code: codeC.code), metadata: c.metadata)
            #expect(timelineC.intervals == [
                .init(status: .unbound, fromMs: .cst(2020, 1, 1, 12, 0), untilMs: .cst(2020, 2, 1, 12, 0)),
                .init(status: .active, fromMs: .cst(2020, 2, 1, 12, 0), untilMs: Self.feeEnd.unixMilliseconds),
                .init(status: .suspended, fromMs: Self.feeEnd.unixMilliseconds, untilMs: Self.lateRenewal.unixMilliseconds),
                .init(status: .active, fromMs: Self.lateRenewal.unixMilliseconds, untilMs: Self.validityEnd.unixMilliseconds),
                .init(status: .expired, fromMs: Self.validityEnd.unixMilliseconds, untilMs: 0),
            ])
            let timelineA = try await system.activation().getCodeTimeline(
                ActivationV1.GetCodeTimelineRequest(code: codeA.code), metadata: a.metadata)
            #expect(timelineA.intervals.map(\.status) == [.unbound, .active, .expired])

            // Another account's code and an unknown one: NOT_FOUND, word for word, for both methods
            let unknown = CodeSecret.generate()
            for (text, masked) in [(codeA.code, codeA.codeMasked), (unknown.text, unknown.masked)] {
                let expected = "this account holds no activation code \(masked); check the code you received (list your codes "
                    + "with ListCodes)"
                let explained = await refusal {
                    try await system.activation().explainBroadcastAccess(
                        ActivationV1.ExplainBroadcastAccessRequest(
                            code: text, deviceID: "phone-a", wechatOpenid: "wx-a", atMs: Self.feeEnd.unixMilliseconds),
                        metadata: intruder.metadata)
                }
                let timeline = await refusal {
                    try await system.activation().getCodeTimeline(
                        ActivationV1.GetCodeTimelineRequest(code: text), metadata: intruder.metadata)
                }
                let started = await refusal {
                    try await system.roomSession().startBroadcast(
                        SessionV1.StartBroadcastRequest(code: text, deviceID: "phone-a", wechatOpenid: "wx-a"),
                        metadata: intruder.metadata)
                }
                for answer in [explained, timeline, started] {
                    #expect(answer == RPCError(.notFound, expected), "\(String(describing: answer))")
                }
            }

            // huanjuctl prints the explanation and the timeline, and exits 65 on another account's code
            let ctl = ["--runtime-dir", system.runtimeDirectory]
            let human = try await DeployScripts.huanjuctl(
                ["activation", "explain", codeC.code, "--at", "2020-12-31 12:00", "--device", "phone-c", "--wechat", "wx-c",
                 "--as", c.accountID] + ctl, output: "\(system.root)/explain.out")
            #expect(human.status == 0, "\(human.output)")
            #expect(human.output.contains("FAILED_PRECONDITION: code \(codeC.codeMasked) is suspended"))
            #expect(human.output.contains("2021-01-10 09:00 CST → ACTIVE: usable again from 2021-01-10 09:00 CST"))
            let json = try await DeployScripts.huanjuctl(
                ["activation", "explain", codeC.code, "--at", "2020-12-31 12:00", "--json", "--as", c.accountID] + ctl,
                output: "\(system.root)/explain.json")
            #expect(json.status == 0, "\(json.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            #expect(object["status"] as? Int == 9 && object["binding_match"] as? Int == 4)
            #expect(object["at_ms"] as? Int64 == Self.feeEnd.unixMilliseconds)
            #expect(((object["fee"] as? [String: Any])?["gap"] as? [String: Any])?["next_start_ms"] as? Int64
                == Self.lateRenewal.unixMilliseconds)
            let table = try await DeployScripts.huanjuctl(
                ["activation", "timeline", codeC.code, "--as", c.accountID] + ctl, output: "\(system.root)/timeline.out")
            #expect(table.status == 0, "\(table.output)")
            #expect(table.output.contains("SUSPENDED  2020-12-31 12:00 CST  2021-01-10 09:00 CST"))
            #expect(table.output.contains("EXPIRED    2021-01-31 12:00 CST  -"))
            let foreign = try await DeployScripts.huanjuctl(
                ["activation", "timeline", codeC.code, "--as", intruder.accountID] + ctl, output: "\(system.root)/foreign.out")
            #expect(foreign.status == 65 && foreign.output.contains("NOT_FOUND: this account holds no activation code"))
            let badTime = try await DeployScripts.huanjuctl(
                ["activation", "explain", codeC.code, "--at", "31/12/2020", "--as", c.accountID] + ctl,
                output: "\(system.root)/bad-time.out")
            #expect(badTime.status == 64 && badTime.output.contains("write it as 2020-05-01 15:00"))
        }
    }

    /// Explains `code` for `customer` at `instant` (nil: the service's now).
    func explain(
        _ customer: Customer, _ code: ActivationV1.Code, at instant: Instant? = nil, device: String = "", wechat: String = ""
    ) async throws -> ActivationV1.BroadcastAccessExplanation {
        try await customer.system.activation().explainBroadcastAccess(
            ActivationV1.ExplainBroadcastAccessRequest(
                code: code.code, deviceID: device, wechatOpenid: wechat, atMs: instant?.unixMilliseconds),
            metadata: customer.metadata)
    }

    /// StartBroadcast refuses now with `status`, and the explanation of now says it word for word.
    func expectAgreement(
        _ customer: Customer, _ code: ActivationV1.Code, device: String, wechat: String, status: StatusCode,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let started = await refusal { try await customer.startBroadcast(with: code, device: device, wechat: wechat) }
        let explained = try await explain(customer, code, device: device, wechat: wechat)
        #expect(started?.code == status, "\(String(describing: started))", sourceLocation: sourceLocation)
        #expect(explained.status.rawValue == started?.code.rawValue, sourceLocation: sourceLocation)
        #expect(explained.message == started?.message, sourceLocation: sourceLocation)
    }
}
