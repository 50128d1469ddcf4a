import BillingService
import HuanjuAPI
import HuanjuDomain
import Testing

/// RULES §4 and §11 through the service: the annual fee's terms, its renewal, and the gift
/// Flagship code each purchase orders from activation.
@Suite struct AnnualFeePurchaseTests {
    @Test func workedExampleStep1_feeBoughtOn2020_01_01NoonIsActiveUntil2020_12_31NoonWithGiftCodeA() async throws {
        try await BillingHarness.run { harness in
            // Given an approved enterprise at 2020-01-01 12:00 CST
            let account = try await harness.approvedEnterprise()
            // When it buys the annual fee
            let response = try await harness.buyFee(account, key: "fee-2020")
            // Then the order charges 140,000 CNY, with the gift code at 0 fen, and the fee runs until 2020-12-31 12:00
            let order = try #require(response.order)
            #expect(order.kind == .annualFee)
            #expect(order.totalFen == 14_000_000)
            #expect(order.lines == [
                BillingV1.OrderLine(item: .annualFee, quantity: 1, unitPriceFen: 14_000_000, totalFen: 14_000_000),
                BillingV1.OrderLine(item: .giftFlagshipCode, quantity: 1, unitPriceFen: 0, totalFen: 0),
            ])
            #expect(order.feeActiveUntilMs == Instant.cst(2020, 12, 31, 12, 0).ms)
            #expect(order.fulfilment == .pending)
            let details = try await harness.accountDetails(account)
            let fee = try #require(details.fee)
            #expect(fee.active)
            #expect(fee.activeUntilMs == Instant.cst(2020, 12, 31, 12, 0).ms)
            #expect(fee.terms == [BillingV1.FeeTerm(startMs: Instant.cst(2020, 1, 1, 12, 0).ms, endMs: Instant.cst(2020, 12, 31, 12, 0).ms)])
            #expect(details.orders?.totalSpentFen == 14_000_000)
            // And activation is told the schedule, then to issue gift code A at the purchase instant
            let outbox = try await harness.outbox()
            #expect(outbox.map(\.id) == ["\(order.orderID)/fee-terms", "\(order.orderID)/gift-code"])
            #expect(outbox.allSatisfy { $0.method == ActivationV1.ActivationService.Method.deliverBillingEvent.name })
            #expect(outbox[0].event.feeTermsChanged?.terms == [
                ActivationV1.FeeTerm(startMs: Instant.cst(2020, 1, 1, 12, 0).ms, endMs: Instant.cst(2020, 12, 31, 12, 0).ms),
            ])
            #expect(outbox[1].event.codesOrdered == ActivationV1.CodesOrdered(
                orderID: order.orderID, kind: .flagship, quantity: 1, addonGroupsPerCode: 0,
                issuedAtMs: Instant.cst(2020, 1, 1, 12, 0).ms, gift: true))
            #expect(outbox[1].event.accountID == account)
        }
    }

    @Test func workedExampleStep5_renewalOn2020_05_01AfternoonMovesTheEndTo2021_12_31NoonWithGiftCodeB() async throws {
        try await BillingHarness.run { harness in
            // Given the fee bought 2020-01-01 12:00
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            // When it is renewed on 2020-05-01 15:00, while active
            harness.clock.set(.cst(2020, 5, 1, 15, 0))
            let renewal = try #require(try await harness.buyFee(account).order)
            // Then the term ends a year after its old end: 2021-12-31 12:00
            #expect(renewal.feeActiveUntilMs == Instant.cst(2021, 12, 31, 12, 0).ms)
            let fee = try #require(try await harness.accountDetails(account).fee)
            #expect(fee.terms == [BillingV1.FeeTerm(startMs: Instant.cst(2020, 1, 1, 12, 0).ms, endMs: Instant.cst(2021, 12, 31, 12, 0).ms)])
            // And gift code B is ordered with the renewal instant as its issue time (bind before 2020-07-01 15:00)
            let gifts = try await harness.outbox().compactMap(\.event.codesOrdered).filter(\.gift)
            #expect(gifts.map(\.issuedAtMs) == [Instant.cst(2020, 1, 1, 12, 0).ms, Instant.cst(2020, 5, 1, 15, 0).ms])
            #expect(try ActivationCode(kind: .flagship, issuedAt: Instant(unixMilliseconds: gifts[1].issuedAtMs)).bindDeadline == Instant.cst(2020, 7, 1, 15, 0))
            // And the renewal's fee-terms message carries the whole new schedule
            let lastTerms = try await harness.outbox().last { $0.event.feeTermsChanged != nil }
            #expect(lastTerms?.id == "\(renewal.orderID)/fee-terms")
            #expect(lastTerms?.event.feeTermsChanged?.terms == [
                ActivationV1.FeeTerm(startMs: Instant.cst(2020, 1, 1, 12, 0).ms, endMs: Instant.cst(2021, 12, 31, 12, 0).ms),
            ])
            #expect(try await harness.accountDetails(account).orders?.totalSpentFen == 28_000_000)
        }
    }

    @Test func aPurchaseAfterALapseStartsANewTermAndLeavesTheGap() async throws {
        try await BillingHarness.run { harness in
            // Given a fee that ended 2020-12-31 12:00
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            harness.clock.set(.cst(2021, 3, 1, 9, 0))
            #expect(try await harness.accountDetails(account).fee?.active == false)
            #expect(try await harness.accountDetails(account).fee?.lastEndedMs == Instant.cst(2020, 12, 31, 12, 0).ms)
            // When it is bought again on 2021-03-01 09:00
            _ = try await harness.buyFee(account)
            // Then a second term starts then; the gap stays a gap
            let fee = try #require(try await harness.accountDetails(account).fee)
            #expect(fee.terms == [
                BillingV1.FeeTerm(startMs: Instant.cst(2020, 1, 1, 12, 0).ms, endMs: Instant.cst(2020, 12, 31, 12, 0).ms),
                BillingV1.FeeTerm(startMs: Instant.cst(2021, 3, 1, 9, 0).ms, endMs: Instant.cst(2022, 2, 28, 9, 0).ms),
            ])
            #expect(fee.activeUntilMs == Instant.cst(2022, 2, 28, 9, 0).ms)
        }
    }
}
