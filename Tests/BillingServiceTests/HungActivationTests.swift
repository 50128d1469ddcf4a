import BillingService
import HuanjuAPI
import HuanjuTestSupport
@testable import HuanjuWire
import NIOCore
import Testing

/// Billing asks activation while serving a customer (expansion tickets): activation gets the
/// time the customer has left, and a hung activation holds none of billing's call slots once
/// the customer was answered.
@Suite struct HungActivationTests {
    @Test func aHungActivationHoldsNoCallSlotOnceTheCustomerIsAnsweredDeadlineExceeded() async throws {
        // Given billing running one call at a time per connection, and an activation that reads
        // calls and never answers
        let directory = TemporaryDirectory.make("hjb")
        let activation = try await HungPeer.listen(at: "\(directory)/activation-admin.sock")
        let activationClient = RPCClient(socketPath: activation.socketPath)
        let harness = try BillingHarness(
            directory: directory, codeDirectory: ActivationCodeDirectory(client: activationClient), maxCallsInFlightPerConnection: 1)
        try await BillingHarness.run(harness) { harness in
            let account = try await harness.approvedEnterprise()
            // When a customer opens an expansion ticket, waiting 1 s
            // Then billing answers DEADLINE_EXCEEDED at that deadline
            await #expect {
                try await harness.call(Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: 1),
                                       as: account, deadline: .seconds(1))
            } throws: { error in
                (error as? RPCError) == RPCError(.deadlineExceeded, "\(Billing.openExpansionTicket.name) did not finish within its deadline")
            }
            // And the customer's next call on the same connection is served, not queued behind a
            // call nobody waits for (which would hold the slot for 31 s: DEADLINE_EXCEEDED here)
            let orders = try await harness.call(Billing.listOrders, BillingV1.ListOrdersRequest(), as: account, deadline: .seconds(20))
            #expect(orders.orders.isEmpty)
            // And billing's client of activation holds nothing for the abandoned question
            #expect(try await activationClient.pendingCalls() == (calls: 0, timeouts: 0))
            // And activation was asked within the customer's second, not billing's 30 s (when the
            // handler got that far before the deadline: on a quiet machine, at once)
            #expect(activation.requests.allSatisfy {
                $0.method == ActivationV1.ActivationService.Method.getCode.name && (1...1000).contains($0.deadlineMs)
            }, "\(activation.requests.map(\.deadlineMs))")
        }
        await activationClient.close()
        await activation.stop()
    }

    @Test func theCodeDirectoryGivesActivationTheTimeItsCallerHasLeft() async throws {
        // Given a call being served with 20 s left, and an activation that never answers (asked
        // through a client whose own deadline is 30 s)
        let activation = try await HungPeer.listen(at: "\(TemporaryDirectory.make("hjb"))/activation-admin.sock")
        let client = RPCClient(socketPath: activation.socketPath, defaultDeadline: .seconds(30))
        let directory = ActivationCodeDirectory(client: client)
        let now = NIODeadline.now()
        let caller = CallContext(callID: 1, method: Billing.openExpansionTicket.name, socket: .publicSocket, metadata: [:],
                                 receivedAt: now, deadline: now + .seconds(20))
        // When billing looks a code up for it
        let lookup = Task { try await directory.code("code_B", ownedBy: "acc_A", for: caller) }
        // Then activation is asked with at most those 20 s, not the client's 30
        try await activation.waitUntilReceived(1)
        let asked = try #require(activation.requests.first)
        #expect(asked.method == ActivationV1.ActivationService.Method.getCode.name)
        #expect((1...20_000).contains(asked.deadlineMs), "deadline_ms \(asked.deadlineMs)")
        // And when the caller goes away, the look-up ends at once with its cancellation
        lookup.cancel()
        await #expect(throws: CancellationError.self) { try await lookup.value }
        #expect(try await client.pendingCalls() == (calls: 0, timeouts: 0))
        await client.close()
        await activation.stop()
    }
}
