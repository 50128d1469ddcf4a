import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// `ExplainBroadcastAccess` and `GetCodeTimeline` over the wire: at the current instant the
/// verdict is exactly `AuthorizeBroadcast`'s answer; at past instants the chain is as known now;
/// another account's code and an unknown one are NOT_FOUND in the same words.
@Suite struct ExplainBroadcastAccessTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)
    static let bindAt = Instant.cst(2020, 2, 1, 12, 0)
    static let feeEnd = Instant.cst(2020, 12, 31, 12, 0)
    static let renewal = Instant.cst(2021, 1, 10, 9, 0)
    static let validityEnd = Instant.cst(2021, 1, 31, 12, 0)

    static func explain(
        _ service: ActivationHarness, _ account: String, _ text: String, at instant: Instant? = nil,
        device: String = "dev-1", wechat: String = "wx-1"
    ) async throws -> ActivationV1.BroadcastAccessExplanation {
        try await service.customer.explainBroadcastAccess(
            .init(code: text, deviceID: device, wechatOpenid: wechat, atMs: instant?.unixMilliseconds),
            metadata: ActivationHarness.caller(account))
    }

    /// The guide's code A of `account`: fee bought 2020-01-01 12:00, bound 2020-02-01 12:00 to
    /// (dev-1, wx-1); the clock left at the binding.
    static func codeA(_ service: ActivationHarness, _ account: String = "acc_A") async throws -> (FeeSchedule, ActivationV1.Code) {
        let (fee, gift) = try await service.buyAnnualFee(account)
        service.clock.set(bindAt)
        try await service.bind(account, gift.code)
        return (fee, gift)
    }

    @Test func atTheCurrentInstantTheVerdictIsWordForWordWhatAuthorizeBroadcastAnswers() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given code A, unbound at first, then through its binding, the fee's lapse, a renewal
            // after it on 2021-01-10 09:00, and its expiry
            let (fee, gift) = try await service.buyAnnualFee("acc_A")
            var schedule = fee
            let host = ActivationHarness.caller("acc_A")
            let instants: [Instant] = [
                .cst(2020, 1, 15, 10, 0), Self.bindAt, .cst(2020, 6, 10, 20, 0), Self.feeEnd - .milliseconds(1), Self.feeEnd,
                Self.renewal, Self.validityEnd - .hours(1), Self.validityEnd,
            ]
            for instant in instants {
                service.clock.set(instant)
                if instant == Self.bindAt { try await service.bind("acc_A", gift.code) }
                if instant == Self.renewal {
                    try schedule.purchase(at: instant)
                    try await service.reportFee("acc_A", schedule)
                }
                for (device, wechat) in [("dev-1", "wx-1"), ("dev-1", "wx-other"), ("", "")] {
                    // When the account asks about now, and room-session asks to authorize now
                    let explanation = try await Self.explain(service, "acc_A", gift.code, device: device, wechat: wechat)
                    let asked = device.isEmpty ? ("dev-1", "wx-1") : (device, wechat)
                    let authorized: Result<ActivationV1.AuthorizeBroadcastResponse, RPCError>
                    do {
                        authorized = .success(try await service.operators.authorizeBroadcast(
                            .init(code: gift.code, deviceID: asked.0, wechatOpenid: asked.1), metadata: host))
                    } catch let error as RPCError {
                        authorized = .failure(error)
                    }
                    // Then the explanation's status and message are the authorization's, and its
                    // capacity and hard end those a broadcast started now gets
                    #expect(explanation.atMs == instant.unixMilliseconds && explanation.asOfMs == instant.unixMilliseconds)
                    switch authorized {
                    case .success(let answer):
                        #expect(explanation.status == .ok && explanation.message == "", "at \(instant) \(wechat)")
                        #expect(explanation.capacity?.capacity == answer.capacity)
                        #expect(explanation.hardEndMs == BroadcastPlan.hardEnd(
                            start: instant, codeValidityEnd: Instant(unixMilliseconds: answer.codeValidUntilMs),
                            feeActiveUntil: Instant(unixMilliseconds: answer.feeActiveUntilMs)).unixMilliseconds)
                    case .failure(let error):
                        #expect(explanation.status.rawValue == error.code.rawValue, "at \(instant) \(wechat): \(error)")
                        #expect(explanation.message == error.message, "at \(instant) \(wechat)")
                    }
                }
            }
        }
    }

    @Test func atPastInstantsTheChainIsAsKnownNow() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given code A, the fee lapsed on 2020-12-31 12:00 and renewed 2021-01-10 09:00; now 2021-06-01
            var (schedule, gift) = try await Self.codeA(service)
            service.clock.set(Self.renewal)
            try schedule.purchase(at: Self.renewal)
            try await service.reportFee("acc_A", schedule)
            service.clock.set(.cst(2021, 6, 1))

            // When asked about 2020-12-31 12:00, in the lapse gap
            let gap = try await Self.explain(service, "acc_A", gift.code, at: Self.feeEnd)
            // Then SUSPENDED, refused as a broadcast was, in the gap between the term's end and the renewal
            #expect(gap.status == .failedPrecondition)
            #expect(gap.message == "code \(gift.codeMasked) is suspended: the annual fee ended 2020-12-31 12:00 CST; renew the "
                + "annual fee to use it again (the code stays valid until 2021-01-31 12:00 CST)")
            #expect(gap.code == ActivationV1.CodeAtInstant(
                codeID: gift.codeID, codeMasked: gift.codeMasked, kind: .flagship, status: .suspended,
                issuedAtMs: Self.purchase.unixMilliseconds, bindDeadlineMs: Instant.cst(2020, 3, 1, 12, 0).unixMilliseconds,
                boundAtMs: Self.bindAt.unixMilliseconds, validUntilMs: Self.validityEnd.unixMilliseconds))
            #expect(gap.fee == ActivationV1.FeeAtInstant(standing: .gap(ActivationV1.FeeGap(
                previousEndMs: Self.feeEnd.unixMilliseconds, nextStartMs: Self.renewal.unixMilliseconds))))
            #expect(gap.bindingMatch == .matches && gap.deviceIDMatches && gap.wechatOpenidMatches)
            #expect(gap.hardEndMs == 0 && gap.hardEndCause == .unspecified)
            #expect(gap.nextChangeMs == Self.renewal.unixMilliseconds && gap.nextStatus == .active)
            #expect(gap.nextChange == "usable again from 2021-01-10 09:00 CST, when the annual fee was renewed")
            #expect(gap.asOfMs == Instant.cst(2021, 6, 1).unixMilliseconds)

            // When asked a millisecond before: OK, a broadcast would have ended with the fee
            let last = try await Self.explain(service, "acc_A", gift.code, at: Self.feeEnd - .milliseconds(1))
            #expect(last.status == .ok && last.code?.status == .active)
            #expect(last.fee == ActivationV1.FeeAtInstant(
                standing: .term(ActivationV1.FeeTerm(startMs: Self.purchase.unixMilliseconds, endMs: Self.feeEnd.unixMilliseconds)),
                activeUntilMs: Self.feeEnd.unixMilliseconds))
            #expect(last.hardEndMs == Self.feeEnd.unixMilliseconds && last.hardEndCause == .feeEnd)

            // When asked before the binding with another WeChat id: UNBOUND, nothing to compare
            let unbound = try await Self.explain(service, "acc_A", gift.code, at: Self.bindAt - .milliseconds(1), wechat: "wx-other")
            #expect(unbound.code?.status == .unbound && unbound.code?.boundAtMs == 0 && unbound.code?.validUntilMs == 0)
            #expect(unbound.bindingMatch == .notBound)
            #expect(unbound.message == "code \(gift.codeMasked) is not bound yet; bind it to a device and WeChat id before "
                + "2020-03-01 12:00 CST to use it")
            #expect(unbound.nextChange == "bind before 2020-03-01 12:00 CST; it was bound 2020-02-01 12:00 CST (ACTIVE from then)")

            // When asked a millisecond before the validity end, and at it
            let lastValid = try await Self.explain(service, "acc_A", gift.code, at: Self.validityEnd - .milliseconds(1))
            #expect(lastValid.status == .ok && lastValid.hardEndMs == Self.validityEnd.unixMilliseconds)
            #expect(lastValid.hardEndCause == .codeValidity)
            let expired = try await Self.explain(service, "acc_A", gift.code, at: Self.validityEnd)
            #expect(expired.code?.status == .expired && expired.status == .failedPrecondition)
            #expect(expired.nextChangeMs == 0 && expired.nextStatus == .unspecified)
            #expect(expired.nextChange == "never again: codes cannot be renewed; buy a new code")

            // And the timeline holds the same story
            let timeline = try await service.customer.getCodeTimeline(.init(code: gift.code), metadata: ActivationHarness.caller("acc_A"))
            #expect(timeline.codeID == gift.codeID && timeline.codeMasked == gift.codeMasked)
            #expect(timeline.intervals == [
                .init(status: .unbound, fromMs: Self.purchase.unixMilliseconds, untilMs: Self.bindAt.unixMilliseconds),
                .init(status: .active, fromMs: Self.bindAt.unixMilliseconds, untilMs: Self.feeEnd.unixMilliseconds),
                .init(status: .suspended, fromMs: Self.feeEnd.unixMilliseconds, untilMs: Self.renewal.unixMilliseconds),
                .init(status: .active, fromMs: Self.renewal.unixMilliseconds, untilMs: Self.validityEnd.unixMilliseconds),
                .init(status: .expired, fromMs: Self.validityEnd.unixMilliseconds, untilMs: 0),
            ])
            #expect(timeline.asOfMs == Instant.cst(2021, 6, 1).unixMilliseconds)
        }
    }

    @Test func capacityCountsOnlyTheExpansionsAppliedByTheInstant() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given code A with 100 groups applied 2020-03-01 09:00 and 5 more paid but never applied
            let (_, gift) = try await Self.codeA(service)
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_1", code: gift.codeID, groups: 100)
            let applied = Instant.cst(2020, 3, 1, 9, 0)
            service.clock.set(applied)
            _ = try await service.operators.applyExpansion(.init(ticketID: "tkt_1"))
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_2", code: gift.codeID, groups: 5)
            service.clock.set(.cst(2020, 4, 1))
            // When asked a millisecond before the application, at it, and now
            let before = try await Self.explain(service, "acc_A", gift.code, at: applied - .milliseconds(1))
            let at = try await Self.explain(service, "acc_A", gift.code, at: applied)
            let now = try await Self.explain(service, "acc_A", gift.code)
            // Then 20,000 before, 30,000 from then on, the pending 5 groups never counted
            #expect(before.capacity == ActivationV1.CapacityAtInstant(
                capacity: 20_000, baseViewers: 20_000, addonGroups: 0, expansionGroups: 0, expansionsApplied: 0))
            for answer in [at, now] {
                #expect(answer.capacity == ActivationV1.CapacityAtInstant(
                    capacity: 30_000, baseViewers: 20_000, addonGroups: 0, expansionGroups: 100, expansionsApplied: 1))
            }
            #expect(try await service.authorize(gift.code).capacity == 30_000)
        }
    }

    @Test func addOnGroupsCountFromTheStart() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given a Standard code bought with 3 add-on groups, bound
            _ = try await service.buyAnnualFee("acc_A")
            try await service.reportCodes("acc_A", kind: .standard, addonGroups: 3, issuedAt: service.clock.now())
            let code = try #require(try await service.codes(of: "acc_A").first { $0.kind == .standard })
            try await service.bind("acc_A", code.code)
            // When explained now, Then 200 + 300 viewers
            let answer = try await Self.explain(service, "acc_A", code.code)
            #expect(answer.status == .ok && answer.code?.kind == .standard)
            #expect(answer.capacity == ActivationV1.CapacityAtInstant(
                capacity: 500, baseViewers: 200, addonGroups: 3, expansionGroups: 0, expansionsApplied: 0))
        }
    }

    @Test func anotherAccountsCodeIsNotFoundInTheWordsOfAnUnknownOneForBothMethods() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given B's code, bound, and a well-formed code nobody holds
            let (_, foreign) = try await Self.codeA(service, "acc_B")
            _ = try await service.buyAnnualFee("acc_A")
            let unknown = CodeSecret.generate()
            let intruder = ActivationHarness.caller("acc_A")
            let foreignSecret = try CodeSecret(parsing: foreign.code)
            for (text, secret) in [(foreign.code, foreignSecret), (unknown.text, unknown)] {
                let expected = secret.unknownCodeError(accountScoped: true).message
                // When A asks about it, with and without an instant and ids
                let requests: [ActivationV1.ExplainBroadcastAccessRequest] = [
                    .init(code: text, deviceID: "dev-1", wechatOpenid: "wx-1"),
                    .init(code: text, atMs: Self.feeEnd.unixMilliseconds),
                    .init(code: text, deviceID: "x", wechatOpenid: "y", atMs: 0),
                ]
                for request in requests {
                    let refused = await expectRefusal(.notFound) {
                        try await service.customer.explainBroadcastAccess(request, metadata: intruder)
                    }
                    // Then NOT_FOUND in exactly the words of an unknown code of the account
                    #expect(refused == expected)
                }
                let timeline = await expectRefusal(.notFound) {
                    try await service.customer.getCodeTimeline(.init(code: text), metadata: intruder)
                }
                #expect(timeline == expected)
                // And exactly what room-session is told when A's host starts with it
                let authorize = await expectRefusal(.notFound) {
                    try await service.operators.authorizeBroadcast(.init(code: text, deviceID: "dev-1", wechatOpenid: "wx-1"), metadata: intruder)
                }
                #expect(authorize == expected)
            }
            // And the code's masked form is all that is named
            #expect(foreignSecret.unknownCodeError(accountScoped: true).message.contains(foreign.codeMasked))
        }
    }

    @Test func aTypoAnInstantOutOfRangeAndTheDefaultInstant() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let (_, gift) = try await Self.codeA(service)
            // A typo: INVALID_ARGUMENT, as AuthorizeBroadcast says it
            var typo = Array(gift.code)
            typo[typo.count - 1] = typo[typo.count - 1] == "0" ? "1" : "0"
            let explained = await expectRefusal(.invalidArgument, "typo") { try await Self.explain(service, "acc_A", String(typo)) }
            let authorized = await expectRefusal(.invalidArgument) { try await service.authorize(String(typo)) }
            #expect(explained == authorized)
            let timeline = await expectRefusal(.invalidArgument) {
                try await service.customer.getCodeTimeline(.init(code: String(typo)), metadata: ActivationHarness.caller("acc_A"))
            }
            #expect(timeline == authorized)
            // An instant after year 9999 or before year 1: INVALID_ARGUMENT
            for outside in [Instant.latestSupported.unixMilliseconds + 1, Instant.earliestSupported.unixMilliseconds - 1, .max, .min] {
                await expectRefusal(.invalidArgument, "outside the supported range") {
                    try await service.customer.explainBroadcastAccess(
                        .init(code: gift.code, atMs: outside), metadata: ActivationHarness.caller("acc_A"))
                }
            }
            // No instant: the service's now; 0: 1970-01-01 08:00 CST, before the code existed
            let now = try await Self.explain(service, "acc_A", gift.code)
            #expect(now.atMs == Self.bindAt.unixMilliseconds && now.status == .ok)
            let epoch = try await Self.explain(service, "acc_A", gift.code, at: Instant(unixMilliseconds: 0))
            #expect(epoch.atMs == 0 && epoch.code?.status == .unspecified)
            #expect(epoch.status == .notFound)
            #expect(epoch.message == (try CodeSecret(parsing: gift.code)).unknownCodeError(accountScoped: true).message)
            #expect(epoch.fee?.standing == .gap(ActivationV1.FeeGap(previousEndMs: 0, nextStartMs: Self.purchase.unixMilliseconds)))
            #expect(epoch.nextChangeMs == Self.purchase.unixMilliseconds && epoch.nextStatus == .unbound)
        }
    }
}
