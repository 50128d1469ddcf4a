import BillingService
import HuanjuAPI
import HuanjuWire
import Testing

/// RULES §3: purchases are final; every refund or cancellation is refused, with one answer
/// whatever the order id, so that it reveals nothing about which orders exist.
@Suite struct RefundPolicyTests {
    @Test func refundsAndCancellationsAreRefusedAsNonRefundableWhateverTheOrder() async throws {
        try await BillingHarness.run { harness in
            // Given an order of A, and an account B
            let a = try await harness.approvedEnterprise(name: "A")
            let b = try await harness.approvedEnterprise(name: "B")
            let order = try #require(try await harness.buyFee(a).order).orderID
            // When refunds and cancellations are asked for A's order (by A and by B) and an unknown one
            var refunds: [RPCError] = []
            var cancellations: [RPCError] = []
            for (account, id) in [(a, order), (b, order), (a, "ord_UNKNOWN")] {
                refunds.append(await harness.refusal(
                    Billing.requestRefund, BillingV1.RequestRefundRequest(orderID: id, reason: "changed our mind"), as: account))
                cancellations.append(await harness.refusal(
                    Billing.cancelOrder, BillingV1.CancelOrderRequest(orderID: id), as: account))
            }
            // Then each is FAILED_PRECONDITION saying purchases are non-refundable, identically
            for answers in [refunds, cancellations] {
                #expect(answers.allSatisfy { $0.code == .failedPrecondition })
                #expect(answers.allSatisfy { $0.message.contains("non-refundable") })
                #expect(Set(answers.map(\.message)).count == 1)
            }
            // And the order and the money stay as they were
            #expect(try await harness.accountDetails(a).orders?.totalSpentFen == 14_000_000)
        }
    }
}
