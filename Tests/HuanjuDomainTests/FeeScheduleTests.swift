import HuanjuDomain
import Testing

@Suite("RULES §4 — the base annual fee")
struct FeeScheduleTests {
    @Test func firstAnnualFeeTermEndsOneYearMinusOneDayLater() throws {
        // Given an account that never bought the fee
        var fee = FeeSchedule()
        // When it buys at 2020-01-01 12:00
        let purchase = try fee.purchase(at: seedFeeStart)
        // Then the term is [2020-01-01 12:00, 2020-12-31 12:00)
        #expect(purchase.kind == .first)
        #expect(purchase.term == (try FeeTerm(start: seedFeeStart, end: .cst(2020, 12, 31, 12, 0))))
        #expect(fee.activeUntil(at: seedFeeStart) == .cst(2020, 12, 31, 12, 0))
        #expect(fee == purchase.schedule)
    }

    @Test func feeIsActiveUntilOneMillisecondBeforeItsEnd() throws {
        // Given the seed term, ending 2020-12-31 12:00
        let fee = try feeBought(at: seedFeeStart)
        let end = Instant.cst(2020, 12, 31, 12, 0)
        // Then it is active from its start to 1 ms before its end, and not at the end or before the start
        #expect(!fee.isActive(at: seedFeeStart - .milliseconds(1)))
        #expect(fee.isActive(at: seedFeeStart))
        #expect(fee.isActive(at: end - .days(1)))
        #expect(fee.isActive(at: end - .milliseconds(1)))
        #expect(!fee.isActive(at: end))
        #expect(!fee.isActive(at: end + .days(1)))
        #expect(fee.activeTerm(at: end) == nil)
        #expect(fee.activeUntil(at: end) == nil)
        #expect(fee.lastEnd(atOrBefore: end) == end)
    }

    @Test func renewalWhileActiveMovesTheEndOneYearLater() throws {
        // Given the seed term, active until 2020-12-31 12:00
        var fee = try feeBought(at: seedFeeStart)
        // When renewed on 2020-05-01 15:00
        let renewal = try fee.purchase(at: .cst(2020, 5, 1, 15, 0))
        // Then the same term now ends 2021-12-31 12:00
        #expect(renewal.kind == .renewal)
        #expect(renewal.previousEnd == .cst(2020, 12, 31, 12, 0))
        #expect(fee.terms == [try FeeTerm(start: seedFeeStart, end: .cst(2021, 12, 31, 12, 0))])
        // When renewed again / Then another year is added the same way
        try fee.purchase(at: .cst(2021, 6, 1))
        #expect(fee.activeUntil(at: .cst(2021, 6, 1)) == .cst(2022, 12, 31, 12, 0))
    }

    @Test func renewalOnTheLastDayOfATermExtendsIt() throws {
        // Given a term ending 2020-12-31 12:00
        let fee = try feeBought(at: seedFeeStart)
        let end = Instant.cst(2020, 12, 31, 12, 0)
        // When renewed on its last day, 1 ms before the end
        let lastMoment = try fee.applyingPurchase(at: end - .milliseconds(1))
        // Then it is a renewal: the end moves to 2021-12-31 12:00
        #expect(lastMoment.kind == .renewal)
        #expect(lastMoment.schedule.activeUntil(at: end) == .cst(2021, 12, 31, 12, 0))
        // When bought exactly at the end instead / Then the term had ended: a new term from then
        let atEnd = try fee.applyingPurchase(at: end)
        #expect(atEnd.kind == .afterLapse)
        #expect(atEnd.term == (try FeeTerm(start: end, end: .cst(2021, 12, 30, 12, 0))))
    }

    @Test func renewalAfterALapseStartsANewTermAndTheGapStaysAGap() throws {
        // Given the seed term, ended 2020-12-31 12:00
        var fee = try feeBought(at: seedFeeStart)
        // When the fee is bought again on 2021-03-10 09:00
        let purchase = try fee.purchase(at: .cst(2021, 3, 10, 9, 0))
        // Then a new term [2021-03-10 09:00, 2022-03-09 09:00) starts, and the gap is not active
        #expect(purchase.kind == .afterLapse)
        #expect(purchase.previousEnd == .cst(2020, 12, 31, 12, 0))
        #expect(fee.terms.count == 2)
        #expect(fee.terms[1] == (try FeeTerm(start: .cst(2021, 3, 10, 9, 0), end: .cst(2022, 3, 9, 9, 0))))
        #expect(!fee.isActive(at: .cst(2021, 1, 15)))
        #expect(!fee.isActive(at: .cst(2021, 3, 10, 9, 0) - .milliseconds(1)))
        #expect(fee.isActive(at: .cst(2021, 3, 10, 9, 0)))
        #expect(fee.lastEnd(atOrBefore: .cst(2021, 2, 1)) == .cst(2020, 12, 31, 12, 0))
    }

    @Test func everyAnnualFeePurchaseIssuesOneFreeFlagshipCode() throws {
        // Given a first purchase, a renewal and a purchase after a lapse
        var fee = FeeSchedule()
        for instant in [seedFeeStart, .cst(2020, 5, 1, 15, 0), .cst(2022, 3, 1, 8, 0)] {
            // When each is made
            let purchase = try fee.purchase(at: instant)
            // Then it issues one unbound Flagship code at that instant, whose window starts then
            #expect(purchase.giftCode.kind == .flagship)
            #expect(purchase.giftCode.issuedAt == instant)
            #expect(purchase.giftCode.binding == nil)
            #expect(purchase.giftCode.capacity == 20_000)
            #expect(purchase.giftCode.bindDeadline == ChinaTime.addMonths(2, to: instant))
        }
    }

    @Test func feeActiveUntilCarriesThroughATermStartingAtThePreviousEnd() throws {
        // Given a term and a second one bought exactly when the first ended
        var fee = try feeBought(at: seedFeeStart)
        try fee.purchase(at: .cst(2020, 12, 31, 12, 0))
        // When asked, during the first, when the fee stops / Then the answer is the second's end
        #expect(fee.activeUntil(at: .cst(2020, 6, 1)) == .cst(2021, 12, 30, 12, 0))
    }

    @Test func feeTermsStayOrdered() throws {
        // Given a schedule with a term starting 2021-03-10
        var fee = try feeBought(at: seedFeeStart)
        try fee.purchase(at: .cst(2021, 3, 10))
        // When a purchase is dated before that term (a clock gone backwards) / Then it is refused
        expectDomainError(.failedPrecondition, "precedes") { try fee.purchase(at: .cst(2021, 1, 1)) }
        // And stored terms that overlap, or are inverted, are refused
        expectDomainError(.invalidArgument, "overlap") {
            _ = try FeeSchedule(terms: [
                FeeTerm(start: .cst(2020, 1, 1), end: .cst(2020, 6, 1)),
                FeeTerm(start: .cst(2020, 5, 1), end: .cst(2020, 9, 1)),
            ])
        }
        expectDomainError(.invalidArgument) { _ = try FeeTerm(start: .cst(2020, 1, 1), end: .cst(2020, 1, 1)) }
    }

    @Test func codesCanBeBoughtOnlyWhileTheFeeIsActive() throws {
        // Given the seed fee, ended 2020-12-31 12:00, and an account that never bought it
        let fee = try feeBought(at: seedFeeStart)
        // When codes are bought inside the term / Then that is allowed
        try PurchaseEligibility.requireActiveFee(fee, at: .cst(2020, 12, 31, 11, 59), toDo: "buy activation codes")
        // When after its end / Then refused, naming when it ended and to renew
        expectDomainError(.failedPrecondition, "2020-12-31 12:00 CST", "renew") {
            try PurchaseEligibility.requireActiveFee(fee, at: .cst(2020, 12, 31, 12, 0), toDo: "buy activation codes")
        }
        expectDomainError(.failedPrecondition, "buy the annual fee") {
            try PurchaseEligibility.requireActiveFee(FeeSchedule(), at: .cst(2020, 1, 1), toDo: "buy activation codes")
        }
    }
}
