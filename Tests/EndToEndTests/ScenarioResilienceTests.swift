import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Nothing reported OK is lost: a peer down, a `kill -9`, a restart.
@Suite(.serialized) struct ScenarioResilienceTests {
    @Test func aPurchaseWhileActivationIsDownIsFulfilledExactlyOnceWhenItIsBack() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("outage")
            _ = try await customer.buyAnnualFee(key: "fee")
            _ = try await customer.waitForCodes(1)
            // Given activation is stopped
            #expect(await system.stop("activation") == 0)
            // When codes are bought, Then the purchase succeeds and the order is still being fulfilled
            let order = try #require(try await customer.buyCodes(.standard, quantity: 3, key: "during-outage").order)
            #expect(order.fulfilment == .pending)
            // When activation is back, Then the codes appear, exactly once, and the order is fulfilled
            try await system.start("activation")
            let fulfilled = try await eventually("order fulfilled") {
                let current = try await customer.order(order.orderID)
                return current.fulfilment == .fulfilled ? current : nil
            }
            #expect(fulfilled.orderID == order.orderID)
            try await Task.sleep(for: .milliseconds(500))
            let codes = try await customer.codes()
            #expect(codes.count == 4)
            #expect(codes.filter { $0.orderID == order.orderID }.count == 3)
        }
    }

    @Test func billingKilledRightAfterAnOKPurchaseKeepsTheOrderAndItsCodes() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("crash")
            // Given an OK purchase (activation not even running yet)
            let order = try #require(try await customer.buyAnnualFee(key: "fee").order)
            // When billing is killed with -9 at once
            await system.kill9("billing")
            try await system.start("billing")
            try await system.start("activation")
            // Then the order is there, and its gift code is issued once activation hears of it
            #expect(try await customer.order(order.orderID).totalFen == 14_000_000)
            let codes = try await customer.waitForCodes(1)
            #expect(codes.count == 1 && codes[0].orderID == order.orderID)
        }
    }

    @Test func restartsKeepAccountsOrdersCodesAndBindings() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("restart")
            let order = try #require(try await customer.buyAnnualFee(key: "fee").order)
            let gift = try #require(try await customer.waitForCodes(1).first)
            _ = try await customer.bind(gift, device: "d", wechat: "w")
            // When both services restart (gracefully, then one with kill -9)
            #expect(await system.stop("billing") == 0)
            await system.kill9("activation")
            try await system.start("activation")
            try await system.start("billing")
            // Then everything is still there
            let account = try await customer.account()
            #expect(account.application?.status == .approved)
            #expect(account.orders?.orderCount == 1)
            #expect(try await customer.order(order.orderID).fulfilment == .fulfilled)
            let code = try await customer.code(gift.codeID)
            #expect(code.binding?.wechatOpenid == "w")
            #expect(code.status == .active)
            // And a retried purchase still finds its original order
            #expect(try await customer.buyAnnualFee(key: "fee").order?.orderID == order.orderID)
        }
    }
}
