import BillingService
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import Logging
import Testing

/// Writes are durable before the call answers OK: reopening the database file finds every
/// account, application, order, ticket and queued message, and retries still find their order.
@Suite struct DurabilityTests {
    @Test func everythingSurvivesReopeningTheDatabaseFile() async throws {
        let data = TemporaryDirectory.make("hjd")
        let logger = Logger(label: "test")
        // Given a customer journey written to a database file
        let first = try ServiceDatabase.open(directory: data, name: "billing", migrator: BillingMigrations.migrator, logger: logger)
        let (account, orderID, ticketID) = try await BillingHarness.run(try BillingHarness(database: first)) { harness in
            let account = try await harness.approvedEnterprise()
            let order = try #require(try await harness.buyFee(account, key: "K").order)
            harness.codes.put("code_A", account: account, status: .unbound)
            let ticket: BillingV1.ExpansionTicket = try await harness.call(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_A", groups: 2), as: account)
            return (account, order.orderID, ticket.ticketID)
        }
        try first.close()
        // When the file is opened again (the migrations find nothing to do) behind a new server
        let second = try ServiceDatabase.open(directory: data, name: "billing", migrator: BillingMigrations.migrator, logger: logger)
        try await BillingHarness.run(try BillingHarness(database: second)) { harness in
            // Then the account, its application, fee, order and ticket are all there
            let details = try await harness.accountDetails(account)
            #expect(details.application?.status == .approved)
            #expect(details.fee?.activeUntilMs == Instant.cst(2020, 12, 31, 12, 0).ms)
            #expect(details.orders?.orderCount == 1)
            #expect(details.orders?.totalSpentFen == 14_000_000)
            let ticket: BillingV1.ExpansionTicket = try await harness.call(
                Billing.getExpansionTicket, BillingV1.GetExpansionTicketRequest(ticketID: ticketID), as: account)
            #expect(ticket.groups == 2)
            // And a retry of the purchase still finds its order, charging nothing
            let retry = try await harness.buyFee(account, key: "K")
            #expect(retry.replayed)
            #expect(retry.order?.orderID == orderID)
            // And the messages queued for activation wait there
            #expect(try await harness.outbox().map(\.id) == [
                "\(orderID)/fee-terms", "\(orderID)/gift-code", "\(ticketID)/opened",
            ])
        }
        try second.close()
    }
}
