import BillingService
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

/// RULES §3: every purchase carries an idempotency key; a retry returns the original order
/// and charges nothing more; the same key for another request is refused. Keys are per account.
@Suite struct IdempotentPurchaseTests {
    @Test func theSamePurchaseSentTwiceMakesOneOrderAndOneCharge() async throws {
        try await BillingHarness.run { harness in
            // Given an approved enterprise that bought the fee with key K
            let account = try await harness.approvedEnterprise()
            let first = try await harness.buyFee(account, key: "K")
            // When the same request is sent again with K, even later
            harness.clock.advance(by: .hours(1))
            let again = try await harness.buyFee(account, key: "K")
            // Then the original order comes back, marked replayed, and nothing more is charged or sent
            #expect(first.replayed == false)
            #expect(again.replayed)
            #expect(again.order?.orderID == first.order?.orderID)
            #expect(again.order?.placedAtMs == first.order?.placedAtMs)
            #expect(try await harness.orders(account).count == 1)
            #expect(try await harness.accountDetails(account).orders?.totalSpentFen == 14_000_000)
            #expect(try await harness.outbox().count == 2)
            #expect(try await harness.accountDetails(account).fee?.activeUntilMs == Instant.cst(2020, 12, 31, 12, 0).ms)
        }
    }

    @Test func aKeyReusedForADifferentPurchaseIsRefused() async throws {
        try await BillingHarness.run { harness in
            // Given codes bought with key K
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account, key: "fee")
            _ = try await harness.buyCodes(account, BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 2, addonGroupsPerCode: 1), key: "K")
            // When K is sent with another quantity, or for the annual fee
            let otherQuantity = await harness.refusal(
                Billing.purchaseCodes, BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 3, addonGroupsPerCode: 1),
                as: account, key: "K")
            let otherItem = await harness.refusal(
                Billing.purchaseAnnualFee, BillingV1.PurchaseAnnualFeeRequest(), as: account, key: "K")
            // Then both are refused, saying the key was used for a different purchase, and nothing is charged
            for refusal in [otherQuantity, otherItem] {
                #expect(refusal.code == .failedPrecondition)
                #expect(refusal.message.contains("idempotency key \"K\" was already used"))
            }
            #expect(try await harness.orders(account).count == 2)
        }
    }

    @Test func theAddOnAsViewersIsTheSameRequestAsTheAddOnAsGroups() async throws {
        try await BillingHarness.run { harness in
            // Given codes bought with 2 add-on groups per code under key K
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            let first = try await harness.buyCodes(account, BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1, addonGroupsPerCode: 2), key: "K")
            // When the retry says the add-on as 200 viewers
            let retry = try await harness.buyCodes(account, BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1, addonViewersPerCode: 200), key: "K")
            // Then it is the same purchase
            #expect(retry.replayed)
            #expect(retry.order?.orderID == first.order?.orderID)
        }
    }

    @Test func keysAreScopedToTheirAccount() async throws {
        try await BillingHarness.run { harness in
            // Given account A bought the fee with key K
            let a = try await harness.approvedEnterprise(name: "A")
            let b = try await harness.approvedEnterprise(name: "B")
            let forA = try await harness.buyFee(a, key: "K")
            // When account B buys the fee with the same key
            let forB = try await harness.buyFee(b, key: "K")
            // Then B gets its own new order
            #expect(forB.replayed == false)
            #expect(forB.order?.orderID != forA.order?.orderID)
            #expect(forB.order?.accountID == b)
        }
    }

    @Test func aPurchaseWithoutAKeyIsRefusedAsMalformed() async throws {
        try await BillingHarness.run { harness in
            let account = try await harness.approvedEnterprise()
            let refusal = await harness.refusal(
                Billing.purchaseAnnualFee, BillingV1.PurchaseAnnualFeeRequest(), as: account)
            #expect(refusal.code == .invalidArgument)
            #expect(refusal.message.contains("idempotency-key"))
            #expect(try await harness.orders(account).isEmpty)
        }
    }
}
