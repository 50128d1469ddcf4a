import BillingService
import GRDB
import HuanjuAPI
import HuanjuRuntime
import Synchronization
import Testing

/// `ListOrders` reads a page of orders with their lines and fulfilment in one statement,
/// whatever the page size (it used to cost two more per order: 104 queries for 50).
@Suite struct ListOrdersStatementTests {
    /// The SQL statements `body` makes the database run, read-transaction bookkeeping left out.
    static func statements(in harness: BillingHarness, during body: () async throws -> Void) async throws -> [String] {
        let traced = Mutex<[String]>([])
        try await harness.database.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in traced.withLock { $0.append("\(event)") } }
        }
        try await body()
        try await harness.database.writeWithoutTransaction { db in db.trace(options: .statement, nil) }
        return traced.withLock { $0 }.filter { !$0.hasPrefix("PRAGMA") && !$0.hasPrefix("BEGIN") && !$0.hasPrefix("COMMIT") }
    }

    @Test func aPageOf50OrdersCostsOneStatementBesidesTheAccountCheck() async throws {
        try await BillingHarness.run { harness in
            // Given 101 orders a minute apart, each with two lines: the fee (whose two messages
            // activation acknowledged), then 100 codes orders
            let account = try await harness.approvedEnterprise()
            let fee = try #require(try await harness.buyFee(account).order)
            for _ in 0..<100 {
                harness.clock.advance(by: .minutes(1))
                _ = try await harness.buyCodes(account, BillingV1.PurchaseCodesRequest(kind: .standard, quantity: 1, addonGroupsPerCode: 1))
            }
            try await harness.database.write { db in
                try db.execute(
                    sql: "UPDATE outbox SET delivered_at = 1 WHERE message_id LIKE ?", arguments: ["\(fee.orderID)/%"])
            }
            // When the first page of 50 is read, and the second with its token
            var first = BillingV1.ListOrdersResponse()
            let firstPage = try await Self.statements(in: harness) {
                first = try await harness.call(Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: 50), as: account)
            }
            var second = BillingV1.ListOrdersResponse()
            let secondPage = try await Self.statements(in: harness) {
                second = try await harness.call(
                    Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: 50, pageToken: first.nextPageToken), as: account)
            }
            // Then each page has its 50 orders with both lines, and costs the account check and
            // one statement (the second page one more: the token's row is looked up)
            #expect(first.orders.count == 50)
            #expect(second.orders.count == 50)
            #expect((first.orders + second.orders).allSatisfy { $0.lines.count == 2 })
            #expect(first.orders.allSatisfy { $0.fulfilment == .pending })
            #expect(firstPage.count == 2, "\(firstPage)")
            #expect(secondPage.count == 3, "\(secondPage)")
            // And the oldest order, whose messages were delivered, is FULFILLED on the last page
            let last = try await harness.call(
                Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: 50, pageToken: second.nextPageToken), as: account)
            #expect(last.orders.map(\.fulfilment) == [.fulfilled])
            #expect(last.nextPageToken == "")
        }
    }
}
