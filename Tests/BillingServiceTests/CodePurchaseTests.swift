import BillingService
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

/// RULES §3 and §5: codes are bought only while the annual fee is active, priced per line,
/// with add-ons sold in groups of 100 viewers.
@Suite struct CodePurchaseTests {
    @Test func codesAreBoughtWithTheirAddOnsPricedPerLine() async throws {
        try await BillingHarness.run { harness in
            // Given an approved enterprise whose fee is active
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            // When it buys 2 Flagship codes with 2 add-on groups each
            let order = try #require(try await harness.buyCodes(
                account, BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 2, addonGroupsPerCode: 2)).order)
            // Then each line records its unit price: 2 × 65,000 CNY and 4 × 10,000 CNY
            #expect(order.kind == .codes)
            #expect(order.lines == [
                BillingV1.OrderLine(item: .flagshipCode, quantity: 2, unitPriceFen: 6_500_000, totalFen: 13_000_000),
                BillingV1.OrderLine(item: .concurrencyAddOn, quantity: 4, unitPriceFen: 1_000_000, totalFen: 4_000_000),
            ])
            #expect(order.totalFen == 17_000_000)
            #expect((order.codeKind, order.codeQuantity, order.addonGroupsPerCode) == (.flagship, 2, 2))
            // And activation is told to issue them, issued at the purchase instant
            let message = try #require(try await harness.outbox().last)
            #expect(message.id == "\(order.orderID)/codes")
            #expect(message.event.codesOrdered == ActivationV1.CodesOrdered(
                orderID: order.orderID, kind: .flagship, quantity: 2, addonGroupsPerCode: 2,
                issuedAtMs: BillingHarness.start.ms, gift: false))
            #expect(try await harness.accountDetails(account).orders?.totalSpentFen == 14_000_000 + 17_000_000)
        }
    }

    @Test func theAddOnMayBeGivenAsViewersInHundreds() async throws {
        try await BillingHarness.run { harness in
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            // When the add-on is 300 viewers per code, Then it is 3 groups
            let order = try #require(try await harness.buyCodes(
                account, BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1, addonViewersPerCode: 300)).order)
            #expect(order.addonGroupsPerCode == 3)
            #expect(order.totalFen == 900_000 + 3 * 1_000_000)
            // When it is 150 viewers, or disagrees with the groups, Then it is malformed
            let odd = await harness.refusal(
                Billing.purchaseCodes, BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1, addonViewersPerCode: 150),
                as: account, key: "odd")
            #expect(odd.code == .invalidArgument)
            #expect(odd.message.contains("groups of 100"))
            let disagree = await harness.refusal(
                Billing.purchaseCodes,
                BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1, addonGroupsPerCode: 2, addonViewersPerCode: 300),
                as: account, key: "disagree")
            #expect(disagree.code == .invalidArgument)
        }
    }

    @Test func malformedCodeOrdersAreRefused() async throws {
        try await BillingHarness.run { harness in
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            for request in [
                BillingV1.PurchaseCodesRequest(kind: .unspecified, quantity: 1),
                BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 0),
                BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 101),
                BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 1, addonGroupsPerCode: 10_001),
            ] {
                let refusal = await harness.refusal(
                    Billing.purchaseCodes, request, as: account, key: "bad")
                #expect(refusal.code == .invalidArgument, "\(request)")
            }
            #expect(try await harness.orders(account).count == 1)
        }
    }

    @Test func codesAreRefusedWhileTheFeeIsLapsedAndNothingIsCharged() async throws {
        try await BillingHarness.run { harness in
            // Given a fee bought 2020-01-01 12:00, valid until 2020-12-31 12:00
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            let before = try await harness.outbox().count
            // When codes are bought at exactly 2020-12-31 12:00 (the end is exclusive)
            harness.clock.set(.cst(2020, 12, 31, 12, 0))
            let refusal = await harness.refusal(
                Billing.purchaseCodes, BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1), as: account, key: "late")
            // Then they are refused, saying when the fee ended and to renew it; no order, no message
            #expect(refusal.code == .failedPrecondition)
            #expect(refusal.message.contains("2020-12-31 12:00 CST"))
            #expect(refusal.message.contains("renew"))
            #expect(try await harness.orders(account).count == 1)
            #expect(try await harness.outbox().count == before)
            // When the fee is renewed, Then the same key buys the codes
            _ = try await harness.buyFee(account)
            #expect(try await harness.buyCodes(account, BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1), key: "late").replayed == false)
        }
    }

    @Test func codesWithoutAnyAnnualFeeAreRefused() async throws {
        try await BillingHarness.run { harness in
            let account = try await harness.approvedEnterprise()
            let refusal = await harness.refusal(
                Billing.purchaseCodes, BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 1), as: account, key: "k")
            #expect(refusal.code == .failedPrecondition)
            #expect(refusal.message.contains("buy the annual fee first"))
        }
    }

    @Test func ordersArePagedNewestFirst() async throws {
        try await BillingHarness.run { harness in
            // Given three orders at three instants
            let account = try await harness.approvedEnterprise()
            var ids: [String] = []
            for _ in 0..<3 {
                ids.append(try #require(try await harness.buyFee(account).order).orderID)
                harness.clock.advance(by: .hours(1))
            }
            // When they are listed two per page
            let first: BillingV1.ListOrdersResponse = try await harness.call(
                Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: 2), as: account)
            let second: BillingV1.ListOrdersResponse = try await harness.call(
                Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: 2, pageToken: first.nextPageToken), as: account)
            // Then they come newest first, and the last page says there is no more
            #expect(first.orders.map(\.orderID) + second.orders.map(\.orderID) == ids.reversed())
            #expect(second.nextPageToken == "")
            let order: BillingV1.Order = try await harness.call(Billing.getOrder, BillingV1.GetOrderRequest(orderID: ids[1]), as: account)
            #expect(order.placedAtMs == BillingHarness.start.adding(hours: 1).ms)
            let badToken = await harness.refusal(
                Billing.listOrders, BillingV1.ListOrdersRequest(pageToken: "nonsense"), as: account)
            #expect(badToken.code == .invalidArgument)
        }
    }
}
