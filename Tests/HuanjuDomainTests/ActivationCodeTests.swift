import HuanjuDomain
import Testing

@Suite("RULES §5 — activation codes")
struct ActivationCodeTests {
    /// A Flagship code issued with the seed fee, at 2020-01-01 12:00.
    func seedCode(addOnGroups: Int = 0) throws -> ActivationCode {
        try ActivationCode(kind: .flagship, issuedAt: seedFeeStart, addOnGroups: addOnGroups)
    }

    @Test func capacityIsBaseViewersPlusOneHundredPerGroup() throws {
        // Given codes with add-on groups and expansions
        var code = try seedCode(addOnGroups: 2)
        // Then Flagship + 2 groups holds 20,200 viewers and Standard alone 200
        #expect(code.capacity == 20_200)
        #expect(try ActivationCode(kind: .standard, issuedAt: seedFeeStart).capacity == 200)
        // When an expansion of k groups is applied / Then it adds 100 × k
        for k in [1, 7, 100] {
            let before = code.capacity
            try code.applyExpansion(groups: k)
            #expect(code.capacity == before + 100 * k)
        }
        #expect(code.capacity == 20_000 + 100 * (2 + 108))
    }

    @Test func codeMustBeBoundBeforeTwoMonthsAfterIssue() throws {
        // Given a code issued 2020-01-01 12:00 while the fee is active
        let fee = try feeBought(at: seedFeeStart)
        let code = try seedCode()
        #expect(code.bindDeadline == .cst(2020, 3, 1, 12, 0))
        // When bound one minute before the deadline / Then it binds
        var early = code
        #expect(try early.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 3, 1, 11, 59), fee: fee) == .bound)
        #expect(early.status(at: .cst(2020, 3, 1, 11, 59), fee: fee) == .active)
        // When bound exactly at the deadline / Then it has LAPSED and binding is refused with the deadline
        var late = code
        expectDomainError(.failedPrecondition, "code HJ-…-7Q lapsed: it had to be bound before 2020-03-01 12:00 CST") {
            try late.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 3, 1, 12, 0), fee: fee, label: "HJ-…-7Q")
        }
        #expect(late.binding == nil)
        #expect(code.status(at: .cst(2020, 3, 1, 12, 0) - .milliseconds(1), fee: fee) == .unbound)
        #expect(code.status(at: .cst(2020, 3, 1, 12, 0), fee: fee) == .lapsed)
        #expect(code.status(at: .cst(2030, 1, 1), fee: fee) == .lapsed)
    }

    @Test func bindingNeedsBothADeviceIdAndAWechatId() throws {
        // Given an unbound code and an active fee
        let fee = try feeBought(at: seedFeeStart)
        var code = try seedCode()
        // When either id is missing / Then the request is invalid and nothing is bound
        expectDomainError(.invalidArgument, "device id") {
            try code.bind(device: "", wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        }
        expectDomainError(.invalidArgument, "WeChat id") {
            try code.bind(device: hostDevice, wechat: "  ", at: .cst(2020, 2, 1), fee: fee)
        }
        #expect(code.binding == nil)
    }

    @Test func bindingNeedsTheAnnualFeeActive() throws {
        // Given a code issued 2020-12-01 whose window runs to 2021-02-01, and a fee that ended 2020-12-31 12:00
        let fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .standard, issuedAt: .cst(2020, 12, 1))
        // When bound after the fee ended / Then refused, naming the fee end and the bind deadline
        expectDomainError(.failedPrecondition, "2020-12-31 12:00 CST", "renew", "2021-02-01 00:00 CST") {
            try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2021, 1, 5), fee: fee)
        }
        #expect(code.binding == nil)
    }

    @Test func boundCodeIsValidUntilOneYearMinusOneDayAfterBinding() throws {
        // Given the seed code bound 2020-02-01 09:30 and a fee active throughout
        var fee = try feeBought(at: seedFeeStart)
        try fee.purchase(at: .cst(2020, 5, 1, 15, 0))
        var code = try seedCode()
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1, 9, 30), fee: fee)
        let end = Instant.cst(2021, 1, 31, 9, 30)
        // Then it is valid until 2021-01-31 09:30 (exclusive)
        #expect(code.validityEnd == end)
        #expect(code.status(at: end - .days(1), fee: fee) == .active)
        #expect(code.status(at: end - .milliseconds(1), fee: fee) == .active)
        #expect(code.isUsable(at: end - .milliseconds(1), fee: fee))
        #expect(code.status(at: end, fee: fee) == .expired)
        #expect(!code.isUsable(at: end, fee: fee))
        #expect(code.status(at: end + .days(1), fee: fee) == .expired)
    }

    @Test func bindingIsForGoodAndIdempotentForTheSamePair() throws {
        // Given a code bound to one device and WeChat id
        let fee = try feeBought(at: seedFeeStart)
        var code = try seedCode()
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        let bound = code
        // When the same pair binds again, even after the window closed / Then it succeeds and nothing changes
        #expect(try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 6, 1), fee: fee) == .alreadyBound)
        #expect(code == bound)
        // When another device or another WeChat id tries / Then it is refused
        expectDomainError(.failedPrecondition, "already bound to another device") {
            try code.bind(device: "phone-2", wechat: hostWechat, at: .cst(2020, 2, 2), fee: fee)
        }
        expectDomainError(.failedPrecondition, "already bound to another device") {
            try code.bind(device: hostDevice, wechat: "wx-other", at: .cst(2020, 2, 2), fee: fee)
        }
        #expect(code == bound)
    }

    @Test func codeStatusIsExactlyOneOfFiveAtEveryInstant() throws {
        // Given a code bound 2020-02-01 and a fee with a lapse from 2020-12-31 12:00 to 2021-01-10
        var fee = try feeBought(at: seedFeeStart)
        var code = try seedCode()
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        try fee.purchase(at: .cst(2021, 1, 10))
        // When its status is read across its life / Then it moves UNBOUND → ACTIVE → SUSPENDED → ACTIVE → EXPIRED
        #expect(code.status(at: .cst(2020, 1, 15), fee: fee) == .unbound)  // before the binding
        #expect(code.status(at: .cst(2020, 2, 1), fee: fee) == .active)
        #expect(code.status(at: .cst(2021, 1, 5), fee: fee) == .suspended)
        #expect(code.status(at: .cst(2021, 1, 10), fee: fee) == .active)
        #expect(code.status(at: .cst(2021, 1, 31), fee: fee) == .expired)
        // And an unbound code past its window is LAPSED
        #expect(try seedCode().status(at: .cst(2020, 4, 1), fee: fee) == .lapsed)
    }

    @Test func codeSuspendedByAFeeLapseIsRestoredByRenewalWithItsValidityUnchanged() throws {
        // Given a code bound 2020-06-01 10:00 and a fee that ended 2020-12-31 12:00
        var fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .standard, issuedAt: .cst(2020, 5, 1))
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 6, 1, 10, 0), fee: fee)
        let validity = code.validityEnd
        // When the fee lapses / Then the code is SUSPENDED and the reason names the fee end
        #expect(code.status(at: .cst(2020, 12, 31, 12, 0), fee: fee) == .suspended)
        expectDomainError(.failedPrecondition, "suspended", "2020-12-31 12:00 CST", "renew", "2021-05-31 10:00 CST") {
            try code.requireUsable(at: .cst(2021, 1, 2), fee: fee)
        }
        // When the fee is bought again on 2021-02-01 / Then the code is usable again, valid until the same end
        try fee.purchase(at: .cst(2021, 2, 1))
        #expect(code.status(at: .cst(2021, 2, 1), fee: fee) == .active)
        #expect(code.validityEnd == validity)
        #expect(code.validityEnd == .cst(2021, 5, 31, 10, 0))
    }

    @Test func codeExpiresWhileSuspended() throws {
        // Given a code bound 2020-02-01 (valid until 2021-01-31) and a fee that ended 2020-12-31 12:00, never renewed
        let fee = try feeBought(at: seedFeeStart)
        var code = try seedCode()
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        // Then it is SUSPENDED until its validity ends, and EXPIRED from then on
        #expect(code.status(at: .cst(2021, 1, 31) - .milliseconds(1), fee: fee) == .suspended)
        #expect(code.status(at: .cst(2021, 1, 31), fee: fee) == .expired)
        // And a renewal after that does not bring it back
        var renewed = fee
        try renewed.purchase(at: .cst(2021, 2, 1))
        #expect(code.status(at: .cst(2021, 2, 1), fee: renewed) == .expired)
        expectDomainError(.failedPrecondition, "expired at 2021-01-31 00:00 CST", "buy a new one") {
            try code.requireUsable(at: .cst(2021, 2, 1), fee: renewed)
        }
    }

    @Test func codeValidityNeverChanges() throws {
        // Given a bound code
        var fee = try feeBought(at: seedFeeStart)
        var code = try seedCode()
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        let validity = code.validityEnd
        // When the fee is renewed and an expansion applied / Then the code's validity end is the same
        try fee.purchase(at: .cst(2020, 5, 1, 15, 0))
        try code.applyExpansion(groups: 100)
        #expect(code.validityEnd == validity)
        #expect(code.bindDeadline == .cst(2020, 3, 1, 12, 0))
    }
}
