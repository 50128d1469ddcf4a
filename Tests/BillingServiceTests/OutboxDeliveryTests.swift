import BillingService
import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Logging
import Synchronization
import Testing

/// SERVICES.md: a purchase commits together with the messages it must send; the relay
/// delivers them to activation; the order is PENDING fulfilment until activation has
/// acknowledged them all. Here activation is a fake on a real socket, so the wire code
/// directory and the relay are exercised too.
@Suite struct OutboxDeliveryTests {
    /// A stand-in for the activation service: receives billing events (refusing those of the
    /// accounts it is told to, as an older activation would a change it does not know), and
    /// answers GetCode for the codes it is given.
    final class FakeActivation: Sendable {
        final class State: Sendable {
            let received = Mutex<[ActivationV1.BillingEvent]>([])
            let codes = Mutex<[String: ActivationV1.Code]>([:])
            let refusedAccounts = Mutex<Set<String>>([])
        }

        let state = State()
        let server: RPCServer

        init(directory: String) {
            var router = Router(serviceName: "activation")
            let state = self.state
            router.register(ActivationV1.ActivationService.Method.deliverBillingEvent) { event, _ in
                guard !state.refusedAccounts.withLock({ $0.contains(event.accountID) }) else {
                    throw RPCError(.failedPrecondition, "billing event \(event.eventID) carries a change this activation does not know")
                }
                state.received.withLock { $0.append(event) }
                return ActivationV1.BillingEventAck(appliedNow: true)
            }
            router.register(ActivationV1.ActivationService.Method.getCode) { request, context in
                guard let code = state.codes.withLock({ $0[request.codeID] }), code.accountID == context.accountID else {
                    throw RPCError(.notFound, "no code \(request.codeID)")
                }
                return code
            }
            server = RPCServer(configuration: ServerConfiguration(serviceName: "activation", runtimeDirectory: directory), router: router)
        }

        var events: [ActivationV1.BillingEvent] { state.received.withLock { $0 } }
        func put(_ code: ActivationV1.Code) { state.codes.withLock { $0[code.codeID] = code } }
        func refuse(account: String, _ refused: Bool = true) {
            state.refusedAccounts.withLock { accounts in
                if refused { accounts.insert(account) } else { accounts.remove(account) }
            }
        }

        /// Serves during `body`.
        func serving<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.server.run() }
                try await server.waitUntilListening()
                do {
                    let result = try await body()
                    server.beginGracefulShutdown()
                    try await group.waitForAll()
                    return result
                } catch {
                    server.beginGracefulShutdown()
                    try? await group.waitForAll()
                    throw error
                }
            }
        }
    }

    @Test func anOrderIsPendingUntilActivationAcknowledgesItsMessagesThenFulfilled() async throws {
        let directory = TemporaryDirectory.make("hjb")
        let activationClient = RPCClient(socketPath: "\(directory)/activation-admin.sock", defaultDeadline: .seconds(5))
        let harness = try BillingHarness(directory: directory, codeDirectory: ActivationCodeDirectory(client: activationClient))
        let relay = OutboxRelay(database: harness.database, peer: activationClient, clock: harness.clock, logger: Logger(label: "test"))
        // (a relay that waits 300 ms for activation's socket, for the outage)
        let impatientRelay = OutboxRelay(
            database: harness.database, peer: activationClient, clock: harness.clock, logger: Logger(label: "test"),
            deliveryDeadline: .milliseconds(300))
        let activation = FakeActivation(directory: directory)
        try await BillingHarness.run(harness) { harness in
            // Given activation is down when the fee is bought
            let account = try await harness.approvedEnterprise()
            let order = try #require(try await harness.buyFee(account).order)
            // Then the purchase succeeds, pending fulfilment
            #expect(order.fulfilment == .pending)
            #expect(try await harness.accountDetails(account).orders?.pendingFulfilment == 1)
            // When the relay tries while activation is down
            #expect(try await impatientRelay.deliverPending() == .peerUnreachable)
            // Then the operators see the backlog and why it waits
            let waiting: BillingV1.OutboxStatus = try await harness.call(
                Billing.getOutboxStatus, BillingV1.GetOutboxStatusRequest(), operator: true)
            #expect(waiting.backlog == 2)
            #expect(waiting.oldestUndeliveredAtMs == BillingHarness.start.ms)
            #expect(waiting.lastError.contains("UNAVAILABLE"))
            #expect(waiting.waiting.map(\.messageID) == ["\(order.orderID)/fee-terms", "\(order.orderID)/gift-code"])
            #expect(waiting.waiting.first?.attempts == 1)
            let metrics = try await harness.call(MetricsV1.MetricsService.Method.get, MetricsV1.GetMetricsRequest(), operator: true)
            #expect(metrics.prometheusText.contains("huanju_outbox_backlog{service=\"billing\"} 2"))
            let stillPending: BillingV1.Order = try await harness.call(Billing.getOrder, BillingV1.GetOrderRequest(orderID: order.orderID), as: account)
            #expect(stillPending.fulfilment == .pending)
            try await activation.serving {
                // When activation is back and the relay delivers
                #expect(try await relay.deliverPending() == .delivered)
                // Then activation got the fee terms, then the gift code, and the order is FULFILLED
                #expect(activation.events.map(\.eventID) == ["\(order.orderID)/fee-terms", "\(order.orderID)/gift-code"])
                let fulfilled: BillingV1.Order = try await harness.call(
                    Billing.getOrder, BillingV1.GetOrderRequest(orderID: order.orderID), as: account)
                #expect(fulfilled.fulfilment == .fulfilled)
                #expect(try await harness.accountDetails(account).orders?.pendingFulfilment == 0)
                let done: BillingV1.OutboxStatus = try await harness.call(
                    Billing.getOutboxStatus, BillingV1.GetOutboxStatusRequest(), operator: true)
                #expect((done.backlog, done.delivered) == (0, 2))
                #expect(done.recent.map(\.messageID) == ["\(order.orderID)/gift-code", "\(order.orderID)/fee-terms"])

                // And ticket look-ups go to activation's GetCode with the customer's account
                activation.put(ActivationV1.Code(codeID: "code_A", accountID: account, status: .unbound, capacity: 20_000))
                let ticket: BillingV1.ExpansionTicket = try await harness.call(
                    Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_A", groups: 1), as: account)
                #expect(ticket.state == .pendingReview)
                let other = try await harness.approvedEnterprise(name: "Other")
                let foreign = await harness.refusal(
                    Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_A", groups: 1), as: other)
                #expect(foreign.code == .notFound)
                #expect(foreign.message == "no code code_A in this account")
            }
            await activationClient.close()
        }
    }

    @Test func aMessageActivationRefusesIsParkedHoldingBackOnlyItsAccountAndOperatorsSeeIt() async throws {
        let directory = TemporaryDirectory.make("hjb")
        let activationClient = RPCClient(socketPath: "\(directory)/activation-admin.sock", defaultDeadline: .seconds(5))
        let harness = try BillingHarness(directory: directory, codeDirectory: ActivationCodeDirectory(client: activationClient))
        let relay = OutboxRelay(database: harness.database, peer: activationClient, clock: harness.clock, logger: Logger(label: "test"))
        let activation = FakeActivation(directory: directory)
        try await BillingHarness.run(harness) { harness in
            // Given two accounts that bought the fee, and an activation that refuses A's events
            let a = try await harness.approvedEnterprise(name: "A")
            let b = try await harness.approvedEnterprise(name: "B")
            let orderA = try #require(try await harness.buyFee(a).order)
            let orderB = try #require(try await harness.buyFee(b).order)
            activation.refuse(account: a)
            try await activation.serving {
                // When the relay delivers
                #expect(try await relay.deliverPending() == .refused(partitions: [a]))
                // Then B's messages went through, A's first one is parked and its second waits behind it
                #expect(activation.events.map(\.eventID) == ["\(orderB.orderID)/fee-terms", "\(orderB.orderID)/gift-code"])
                let status = try await harness.call(Billing.getOutboxStatus, BillingV1.GetOutboxStatusRequest(), operator: true)
                #expect((status.backlog, status.delivered, status.parked) == (2, 2, 1))
                #expect(status.waiting.map(\.messageID) == ["\(orderA.orderID)/fee-terms", "\(orderA.orderID)/gift-code"])
                #expect(status.waiting.map(\.partition) == [a, a])
                #expect(status.waiting.map(\.parked) == [true, false])
                #expect(status.waiting.first?.lastError.contains("FAILED_PRECONDITION") == true)
                #expect(status.recent.allSatisfy { $0.partition == b && !$0.parked })
                // When activation takes A's events again, Then the next pass delivers them and nothing is parked
                activation.refuse(account: a, false)
                #expect(try await relay.deliverPending() == .delivered)
                let after = try await harness.call(Billing.getOutboxStatus, BillingV1.GetOutboxStatusRequest(), operator: true)
                #expect((after.backlog, after.parked) == (0, 0))
                #expect(try await harness.call(Billing.getOrder, BillingV1.GetOrderRequest(orderID: orderA.orderID), as: a).fulfilment
                    == .fulfilled)
            }
            await activationClient.close()
        }
    }

    @Test func aFailedPurchaseWritesNoOrderAndNoMessage() async throws {
        try await BillingHarness.run { harness in
            // Given an approved enterprise without an annual fee
            let account = try await harness.approvedEnterprise()
            // When it tries to buy codes, which needs the fee
            _ = await harness.refusal(
                Billing.purchaseCodes, BillingV1.PurchaseCodesRequest(kind: .flagship, quantity: 5), as: account, key: "k")
            // Then there is no order and no message
            #expect(try await harness.orders(account).isEmpty)
            #expect(try await harness.outbox().isEmpty)
            // When it buys the fee, Then the order and its two messages are there together
            let order = try #require(try await harness.buyFee(account).order)
            #expect(try await harness.outbox().map(\.id) == ["\(order.orderID)/fee-terms", "\(order.orderID)/gift-code"])
        }
    }
}
