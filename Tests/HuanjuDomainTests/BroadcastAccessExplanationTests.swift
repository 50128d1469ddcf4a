import HuanjuDomain
import Testing

/// "Why" at any instant: `BroadcastAccessExplanation` at the guide's instants (RULES §11), each
/// boundary to the millisecond, with the refusals word for word as a broadcast gets them.
@Suite struct BroadcastAccessExplanationTests {
    static let secret: CodeSecret = {
        var generator = SeededGenerator(seed: 11)
        return CodeSecret.generate(using: &generator)
    }()
    static let bindAt = Instant.cst(2020, 2, 1, 12, 0)
    static let feeEnd = Instant.cst(2020, 12, 31, 12, 0)
    static let validityEnd = Instant.cst(2021, 1, 31, 12, 0)
    static let renewal = Instant.cst(2021, 1, 10, 9, 0)

    /// Code A bound 2020-02-01 12:00 to the host; the fee bought 2020-01-01 12:00, and (unless
    /// `renewed` is false) renewed after its lapse on 2021-01-10 09:00.
    static func guide(renewed: Bool = true) throws -> (ActivationCode, FeeSchedule) {
        var fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .flagship, issuedAt: seedFeeStart)
        try code.bind(device: hostDevice, wechat: hostWechat, at: bindAt, fee: fee)
        if renewed { try fee.purchase(at: renewal) }
        return (code, fee)
    }

    static func explain(
        _ code: ActivationCode, _ fee: FeeSchedule, at instant: Instant, applied: [AppliedExpansion] = [],
        device: String = hostDevice, wechat: String = hostWechat
    ) -> BroadcastAccessExplanation {
        BroadcastAccessExplanation(
            code: code, applied: applied, fee: fee, secret: secret, device: device, wechat: wechat, at: instant)
    }

    static var label: String { "code \(secret.masked)" }

    @Test func beforeBindingTheCodeIsUnboundAndTheAnswerSaysBindBeforeTheDeadline() throws {
        // Given code A, bound 2020-02-01 12:00 (as known now)
        let (code, fee) = try Self.guide()
        // When asked about 2020-01-15 10:00, with the pair it was bound to later
        let explanation = Self.explain(code, fee, at: .cst(2020, 1, 15, 10, 0))
        // Then it was UNBOUND, refused in the words a broadcast gets, and the binding not compared
        #expect(explanation.status == .unbound)
        #expect(explanation.verdict == .failure(.failedPrecondition(
            "\(Self.label) is not bound yet; bind it to a device and WeChat id before 2020-03-01 12:00 CST to use it")))
        #expect(explanation.binding == .notBound)
        #expect(explanation.code.binding == nil && explanation.code.validityEnd == nil)
        #expect(explanation.code.bindDeadline == .cst(2020, 3, 1, 12, 0))
        #expect(explanation.fee == .active(term: try FeeTerm(start: seedFeeStart, end: Self.feeEnd), activeUntil: Self.feeEnd))
        #expect(explanation.hardEnd == nil)
        // And the next change is its binding, as known now
        #expect(explanation.nextChange == NextStatusChange(
            at: Self.bindAt, status: .active,
            sentence: "bind before 2020-03-01 12:00 CST; it was bound 2020-02-01 12:00 CST (ACTIVE from then)"))
        // And a millisecond before the binding is still UNBOUND, the binding's instant ACTIVE
        #expect(Self.explain(code, fee, at: Self.bindAt - .milliseconds(1)).status == .unbound)
        #expect(Self.explain(code, fee, at: Self.bindAt).status == .active)
    }

    @Test func whileActiveTheBoundPairMayStartAndTheHardEndIsFourHoursLater() throws {
        let (code, fee) = try Self.guide()
        let start = Instant.cst(2020, 6, 10, 20, 0)
        // When asked about 2020-06-10 20:00 with the bound pair
        let explanation = Self.explain(code, fee, at: start)
        // Then OK with a plan of 20,000 viewers ending 4 hours later, and the binding matches
        #expect(explanation.status == .active)
        #expect(explanation.verdict == .success(BroadcastPlan(kind: .paid, start: start, viewerLimit: 20_000, hardEnd: start + .hours(4))))
        #expect(explanation.binding == .matches)
        #expect(explanation.hardEnd == BroadcastHardEnd(start: start, codeValidityEnd: Self.validityEnd, feeActiveUntil: Self.feeEnd))
        #expect(explanation.hardEnd?.cause == .maxDuration && explanation.hardEnd?.at == start + .hours(4))
        #expect(explanation.code.binding?.boundAt == Self.bindAt && explanation.code.validityEnd == Self.validityEnd)
        // And it stays usable until the fee's end
        #expect(explanation.nextChange == NextStatusChange(
            at: Self.feeEnd, status: .suspended,
            sentence: "usable until 2020-12-31 12:00 CST, when the annual fee ends; renewing it before then keeps the code usable"))
    }

    @Test func aMillisecondBeforeTheFeesEndABroadcastWouldEndWithTheFee() throws {
        let (code, fee) = try Self.guide()
        let start = Self.feeEnd - .milliseconds(1)
        let explanation = Self.explain(code, fee, at: start)
        #expect(explanation.status == .active)
        #expect(explanation.verdict == .success(BroadcastPlan(kind: .paid, start: start, viewerLimit: 20_000, hardEnd: Self.feeEnd)))
        #expect(explanation.hardEnd?.cause == .feeEnd && explanation.hardEnd?.at == Self.feeEnd)
    }

    @Test func inTheLapseGapTheCodeIsSuspendedUntilTheRenewal() throws {
        // Given the fee not renewed before 2020-12-31 12:00, and renewed 2021-01-10 09:00
        let (code, fee) = try Self.guide()
        // When asked about 2020-12-31 12:00, the fee's end
        let explanation = Self.explain(code, fee, at: Self.feeEnd)
        // Then SUSPENDED, in the gap between the term's end and the renewal, refused as a broadcast is
        #expect(explanation.status == .suspended)
        #expect(explanation.fee == .lapsed(previousEnd: Self.feeEnd, nextStart: Self.renewal))
        #expect(explanation.verdict == .failure(.failedPrecondition(
            "\(Self.label) is suspended: the annual fee ended 2020-12-31 12:00 CST; renew the annual fee to use it again "
                + "(the code stays valid until 2021-01-31 12:00 CST)")))
        #expect(explanation.binding == .matches)
        #expect(explanation.hardEnd == nil)
        // And usable again from the renewal, as known now
        #expect(explanation.nextChange == NextStatusChange(
            at: Self.renewal, status: .active, sentence: "usable again from 2021-01-10 09:00 CST, when the annual fee was renewed"))
    }

    @Test func withoutARenewalTheGapRunsIntoTheExpiry() throws {
        // Given the fee never renewed
        let (code, fee) = try Self.guide(renewed: false)
        let explanation = Self.explain(code, fee, at: .cst(2021, 1, 5, 8, 0))
        // Then the gap has no next term, and the code is usable again only with a renewal before it expires
        #expect(explanation.fee == .lapsed(previousEnd: Self.feeEnd, nextStart: nil))
        #expect(explanation.nextChange == NextStatusChange(
            at: Self.validityEnd, status: .expired,
            sentence: "usable again when the annual fee is renewed, if before 2021-01-31 12:00 CST, when the code expires for good"))
    }

    @Test func afterTheRenewalTheCodeIsUsableUntilItsValidityEnd() throws {
        let (code, fee) = try Self.guide()
        // When asked at the renewal's instant, and a millisecond before it
        let renewed = Self.explain(code, fee, at: Self.renewal)
        #expect(Self.explain(code, fee, at: Self.renewal - .milliseconds(1)).status == .suspended)
        // Then ACTIVE under the new term, usable until 2021-01-31 12:00 CST
        #expect(renewed.status == .active)
        #expect(renewed.fee == .active(
            term: try FeeTerm(start: Self.renewal, end: .cst(2022, 1, 9, 9, 0)), activeUntil: .cst(2022, 1, 9, 9, 0)))
        #expect(renewed.nextChange == NextStatusChange(
            at: Self.validityEnd, status: .expired,
            sentence: "usable until 2021-01-31 12:00 CST, when the code's validity ends; codes cannot be renewed: "
                + "buy a new code to go on"))
        // And 2 hours before the validity end a broadcast would end with the code's validity
        let late = Self.explain(code, fee, at: Self.validityEnd - .hours(2))
        #expect(late.hardEnd == BroadcastHardEnd(start: Self.validityEnd - .hours(2), codeValidityEnd: Self.validityEnd, feeActiveUntil: .cst(2022, 1, 9, 9, 0)))
        #expect(late.hardEnd?.cause == .codeValidity && late.hardEnd?.at == Self.validityEnd)
    }

    @Test func atTheValidityEndTheCodeHasExpiredAndAMillisecondBeforeItHasNot() throws {
        let (code, fee) = try Self.guide()
        // When asked a millisecond before 2021-01-31 12:00
        let before = Self.explain(code, fee, at: Self.validityEnd - .milliseconds(1))
        // Then still usable, for that last millisecond
        #expect(before.status == .active)
        #expect(before.verdict == .success(BroadcastPlan(
            kind: .paid, start: Self.validityEnd - .milliseconds(1), viewerLimit: 20_000, hardEnd: Self.validityEnd)))
        // When asked at 2021-01-31 12:00 exactly, Then EXPIRED, for good
        let expired = Self.explain(code, fee, at: Self.validityEnd)
        #expect(expired.status == .expired)
        #expect(expired.verdict == .failure(.failedPrecondition(
            "\(Self.label) expired at 2021-01-31 12:00 CST; a code can never be renewed or extended, buy a new one")))
        #expect(expired.hardEnd == nil)
        #expect(expired.nextChange == NextStatusChange(at: nil, status: nil, sentence: "never again: codes cannot be renewed; buy a new code"))
    }

    @Test func aCodeNeverBoundIsUnboundUntilItsDeadlineThenLapsed() throws {
        let fee = try feeBought(at: seedFeeStart)
        let code = try ActivationCode(kind: .flagship, issuedAt: seedFeeStart)
        let deadline = Instant.cst(2020, 3, 1, 12, 0)
        // A millisecond before the deadline: UNBOUND, bind before it
        let open = Self.explain(code, fee, at: deadline - .milliseconds(1))
        #expect(open.status == .unbound)
        #expect(open.nextChange == NextStatusChange(
            at: deadline, status: .lapsed, sentence: "bind before 2020-03-01 12:00 CST: it lapses then, for good"))
        // At the deadline: LAPSED, for good
        let lapsed = Self.explain(code, fee, at: deadline)
        #expect(lapsed.status == .lapsed)
        #expect(lapsed.verdict == .failure(.failedPrecondition(
            "\(Self.label) lapsed: it had to be bound before 2020-03-01 12:00 CST; a lapsed code cannot be used, buy a new one")))
        #expect(lapsed.nextChange == NextStatusChange(
            at: nil, status: nil,
            sentence: "never again: it was not bound before 2020-03-01 12:00 CST; a lapsed code cannot be used, buy a new code"))
    }

    @Test func anotherDeviceOrWeChatIDIsDeniedAndSaysWhichDiffers() throws {
        let (code, fee) = try Self.guide()
        let start = Instant.cst(2020, 6, 10, 20, 0)
        // When another WeChat id asks about an instant the code was usable
        let explanation = Self.explain(code, fee, at: start, wechat: "wx-other")
        // Then PERMISSION_DENIED word for word, the WeChat id named as the difference
        #expect(explanation.verdict == .failure(.permissionDenied(
            "\(Self.label) is bound to another device or WeChat id; start the broadcast from the phone and WeChat "
                + "account the code was bound to")))
        #expect(explanation.binding == .differs(deviceMatches: true, wechatMatches: false))
        // And the bound host's hard end is still shown, the code being ACTIVE
        #expect(explanation.status == .active && explanation.hardEnd?.at == start + .hours(4))
    }

    @Test func withoutIDsTheAnswerIsTheBoundPairsAndOneMissingIDIsRefusedAsStartingWouldBe() throws {
        let (code, fee) = try Self.guide()
        let start = Instant.cst(2020, 6, 10, 20, 0)
        let none = Self.explain(code, fee, at: start, device: "", wechat: "")
        #expect(none.binding == .notGiven)
        #expect(none.verdict == .success(try BroadcastPlan.paid(code: code, fee: fee, device: hostDevice, wechat: hostWechat, at: start)))
        let half = Self.explain(code, fee, at: start, device: hostDevice, wechat: " ")
        #expect(half.verdict == .failure(.invalidArgument(
            "cannot start a broadcast with \(Self.label): a WeChat id (openid) is required")))
        // Before the binding, no ids: the refusal of an unbound code
        let early = Self.explain(code, fee, at: .cst(2020, 1, 20), device: "", wechat: "")
        #expect(early.binding == .notBound)
        #expect(early.verdict.failureCode == .failedPrecondition)
    }

    @Test func beforeItsIssueTheAccountHeldNoSuchCode() throws {
        let (code, fee) = try Self.guide()
        let explanation = Self.explain(code, fee, at: seedFeeStart - .milliseconds(1))
        // Then the refusal for an unknown code of the account, and no status
        #expect(explanation.status == nil)
        #expect(explanation.verdict == .failure(Self.secret.unknownCodeError(accountScoped: true)))
        #expect(explanation.fee == .lapsed(previousEnd: nil, nextStart: seedFeeStart))
        #expect(explanation.nextChange.at == seedFeeStart && explanation.nextChange.status == .unbound)
    }

    @Test func capacityCountsAddOnsAndOnlyTheExpansionsAppliedByTheInstant() throws {
        // Given a Standard code with 3 add-on groups, bound, and expansions of 10 and 100 groups
        // applied 2020-06-03 10:00 and 2020-08-01 09:00 (as known now its capacity is 11,500)
        let fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .standard, issuedAt: seedFeeStart, addOnGroups: 3)
        try code.bind(device: hostDevice, wechat: hostWechat, at: Self.bindAt, fee: fee)
        let applied = [
            AppliedExpansion(groups: 10, appliedAt: .cst(2020, 6, 3, 10, 0)),
            AppliedExpansion(groups: 100, appliedAt: .cst(2020, 8, 1, 9, 0)),
        ]
        try code.applyExpansion(groups: 10)
        try code.applyExpansion(groups: 100)
        #expect(code.capacity == 11_500)
        // When asked before, at and after each application
        let cases: [(Instant, Int, Int, Int)] = [
            (.cst(2020, 6, 3, 10, 0) - .milliseconds(1), 0, 0, 500),
            (.cst(2020, 6, 3, 10, 0), 10, 1, 1_500),
            (.cst(2020, 8, 1, 9, 0) - .milliseconds(1), 10, 1, 1_500),
            (.cst(2020, 8, 1, 9, 0), 110, 2, 11_500),
        ]
        for (instant, groups, count, capacity) in cases {
            let explanation = Self.explain(code, fee, at: instant, applied: applied)
            // Then the kind's 200 + 100 × (3 add-on groups + the groups applied by then)
            #expect(explanation.code.addOnGroups == 3, "at \(instant)")
            #expect(explanation.code.expansionGroups == groups, "at \(instant)")
            #expect(explanation.expansionsApplied == count, "at \(instant)")
            #expect(explanation.code.capacity == capacity, "at \(instant)")
            #expect(explanation.verdict.plan?.viewerLimit == capacity, "at \(instant)")
        }
    }

    @Test func asKnownNowARenewalWhileActiveShowsAsTheTermsEndAtEarlierInstants() throws {
        // Given the guide's renewal on 2020-05-01 15:00, while the term was active
        var fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .flagship, issuedAt: seedFeeStart)
        try code.bind(device: hostDevice, wechat: hostWechat, at: Self.bindAt, fee: fee)
        try fee.purchase(at: .cst(2020, 5, 1, 15, 0))
        // When asked about 2020-03-01, before the renewal
        let explanation = Self.explain(code, fee, at: .cst(2020, 3, 1))
        // Then the term shows the end it has now, 2021-12-31 12:00, and the code is usable until it expires
        #expect(explanation.fee == .active(
            term: try FeeTerm(start: seedFeeStart, end: .cst(2021, 12, 31, 12, 0)), activeUntil: .cst(2021, 12, 31, 12, 0)))
        #expect(explanation.nextChange.at == Self.validityEnd && explanation.nextChange.status == .expired)
    }

    @Test func atEveryInstantAfterTheBindingTheVerdictIsWhatAuthorizingThenGives() throws {
        // Given code A with a lapse and a renewal after it
        let (code, fee) = try Self.guide()
        let timeline = CodeTimeline(code: code, fee: fee)
        let instants = timeline.intervals.flatMap { [$0.from - .milliseconds(1), $0.from, $0.from + .hours(3)] }
            .filter { $0 >= Self.bindAt }
        for instant in instants {
            for wechat in [hostWechat, "wx-other"] {
                // When explained, and when a broadcast is authorized at that instant
                let explanation = Self.explain(code, fee, at: instant, wechat: wechat)
                let authorized = Result { () throws(DomainError) in
                    try BroadcastPlan.paid(
                        code: code, fee: fee, device: hostDevice, wechat: wechat, at: instant, label: Self.secret.masked)
                }
                // Then the two answers are the same, and the status is the timeline's
                #expect(explanation.verdict == authorized, "at \(instant) for \(wechat)")
                #expect(explanation.status == timeline.status(at: instant), "at \(instant)")
            }
        }
    }
}

extension Result where Success == BroadcastPlan, Failure == DomainError {
    /// The plan when the broadcast would start.
    var plan: BroadcastPlan? { try? get() }
    /// The refusal's code when it would not.
    var failureCode: DomainError.Code? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}
