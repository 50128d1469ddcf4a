import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Fee lapses, lapsed codes and idempotent purchases, across billing and activation.
@Suite(.serialized) struct ScenarioLicenceTests {
    @Test func aLapseSuspendsTheCodeAndARenewalAfterItRestoresIt() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("lapse")
            _ = try await customer.buyAnnualFee(key: "fee")
            let gift = try #require(try await customer.waitForCodes(1).first)
            try system.setClock(.cst(2020, 2, 1, 12, 0))
            let bound = try #require(try await customer.bind(gift, device: "d", wechat: "w").code)

            // Given the fee ended at 2020-12-31 12:00
            try system.setClock(.cst(2021, 1, 10, 9, 0))
            // Then the code is SUSPENDED and purchases are refused
            #expect(try await customer.code(gift.codeID).status == .suspended)
            let refused = await refusal { _ = try await customer.buyCodes(.standard, quantity: 1, key: "while-lapsed") }
            #expect(refused?.code == .failedPrecondition)

            // When the fee is bought again after the lapse (a new term; the gap stays a gap)
            _ = try await customer.buyAnnualFee(key: "fee-after-lapse")
            // Then the same code is ACTIVE again with its validity unchanged
            let restored = try await eventually("code restored") {
                let code = try await customer.code(gift.codeID)
                return code.status == .active ? code : nil
            }
            #expect(restored.validUntilMs == bound.validUntilMs)
            #expect(restored.validUntilMs == .cst(2021, 1, 31, 12, 0))
            #expect(try await customer.account().fee?.activeUntilMs == .cst(2022, 1, 9, 9, 0))
        }
    }

    @Test func anUnboundCodePastItsWindowIsLapsedAndBindingNamesTheDeadline() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("window")
            _ = try await customer.buyAnnualFee(key: "fee")
            let gift = try #require(try await customer.waitForCodes(1).first)
            // Given the window closed at 2020-03-01 12:00
            try system.setClock(.cst(2020, 3, 1, 12, 0))
            #expect(try await customer.code(gift.codeID).status == .lapsed)
            // Then binding is refused with a message naming the deadline
            let refused = await refusal { _ = try await customer.bind(gift, device: "d", wechat: "w") }
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.message.contains("2020-03-01 12:00") == true, "\(String(describing: refused))")
        }
    }

    @Test func theSamePurchaseSentTwiceIsOneOrderAndOneCharge() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("retry")
            _ = try await customer.buyAnnualFee(key: "fee")
            // Given a code purchase retried with the same key
            let first = try #require(try await customer.buyCodes(.flagship, quantity: 2, addonGroups: 1, key: "codes-1").order)
            let retry = try await customer.buyCodes(.flagship, quantity: 2, addonGroups: 1, key: "codes-1")
            // Then it is the same order, charged once: 2 × (65,000 + 10,000) CNY
            #expect(retry.order?.orderID == first.orderID)
            #expect(retry.replayed)
            #expect(first.totalFen == 2 * (6_500_000 + 1_000_000))
            let summary = try #require(try await customer.account().orders)
            #expect(summary.totalSpentFen == 14_000_000 + first.totalFen)
            // And exactly 1 gift + 2 codes were issued, each with 20,100 viewers
            let codes = try await customer.waitForCodes(3)
            #expect(codes.count == 3)
            #expect(codes.filter { !$0.gift }.allSatisfy { $0.capacity == 20_100 })
            // And the same key with another request is refused
            let other = await refusal { _ = try await customer.buyCodes(.standard, quantity: 1, key: "codes-1") }
            #expect(other?.code == .failedPrecondition)
        }
    }
}
