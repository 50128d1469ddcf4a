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
    /// The part of `huanju.activation.v1.Code` the fake activation answers.
    struct CodeView: BridgedWireMessage, Equatable {
        static let protoName = "huanju.activation.v1.Code"
        var codeId: String
        var accountId: String
        var status: Int32
        var capacity: UInt32
    }

    /// A stand-in for the activation service: receives billing events, answers GetCode for
    /// the codes it is given.
    final class FakeActivation: Sendable {
        final class State: Sendable {
            let received = Mutex<[BillingEvent]>([])
            let codes = Mutex<[String: CodeView]>([:])
        }

        let state = State()
        let server: RPCServer

        init(directory: String) {
            var router = Router(serviceName: "activation")
            let state = self.state
            router.register(ActivationMethods.deliverBillingEvent, access: .operatorOnly) { (event: BillingEvent, _) in
                state.received.withLock { $0.append(event) }
                return BillingEventAck(appliedNow: true)
            }
            router.register(ActivationMethods.getCode, requires: [MetadataKey.accountID]) { (request: GetCodeRequest, context) in
                guard let code = state.codes.withLock({ $0[request.codeId] }), code.accountId == context.accountID else {
                    throw RPCError(.notFound, "no code \(request.codeId)")
                }
                return code
            }
            server = RPCServer(configuration: ServerConfiguration(serviceName: "activation", runtimeDirectory: directory), router: router)
        }

        var events: [BillingEvent] { state.received.withLock { $0 } }
        func put(_ code: CodeView) { state.codes.withLock { $0[code.codeId] = code } }

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
        let activation = FakeActivation(directory: directory)
        try await BillingHarness.run(harness) { harness in
            // Given activation is down when the fee is bought
            let account = try await harness.approvedEnterprise()
            let order = try #require(try await harness.buyFee(account).order)
            // Then the purchase succeeds, pending fulfilment
            #expect(order.fulfilment == .pending)
            #expect(try await harness.accountDetails(account).orders?.pendingFulfilment == 1)
            // When the relay tries while activation is down
            #expect(try await relay.deliverPending() == .peerUnreachable)
            // Then the operators see the backlog and why it waits
            let waiting: BillingOutboxStatus = try await harness.call(
                BillingMethods.getOutboxStatus, BillingOutboxStatusRequest(), operator: true)
            #expect(waiting.backlog == 2)
            #expect(waiting.oldestUndeliveredAtMs == BillingHarness.start)
            #expect(waiting.lastError.contains("UNAVAILABLE"))
            #expect(waiting.waiting.map(\.messageId) == ["\(order.orderId)/fee-terms", "\(order.orderId)/gift-code"])
            #expect(waiting.waiting.first?.attempts == 1)
            let metrics: MetricsV1.GetMetricsResponse = try await harness.call(StandardMethods.metrics, MetricsV1.GetMetricsRequest(), operator: true)
            #expect(metrics.prometheusText.contains("huanju_outbox_backlog{service=\"billing\"} 2"))
            let stillPending: OrderMessage = try await harness.call(BillingMethods.getOrder, GetOrderRequest(orderId: order.orderId), as: account)
            #expect(stillPending.fulfilment == .pending)
            try await activation.serving {
                // When activation is back and the relay delivers
                #expect(try await relay.deliverPending() == .delivered)
                // Then activation got the fee terms, then the gift code, and the order is FULFILLED
                #expect(activation.events.map(\.eventId) == ["\(order.orderId)/fee-terms", "\(order.orderId)/gift-code"])
                let fulfilled: OrderMessage = try await harness.call(
                    BillingMethods.getOrder, GetOrderRequest(orderId: order.orderId), as: account)
                #expect(fulfilled.fulfilment == .fulfilled)
                #expect(try await harness.accountDetails(account).orders?.pendingFulfilment == 0)
                let done: BillingOutboxStatus = try await harness.call(
                    BillingMethods.getOutboxStatus, BillingOutboxStatusRequest(), operator: true)
                #expect((done.backlog, done.delivered) == (0, 2))
                #expect(done.recent.map(\.messageId) == ["\(order.orderId)/gift-code", "\(order.orderId)/fee-terms"])

                // And ticket look-ups go to activation's GetCode with the customer's account
                activation.put(CodeView(codeId: "code_A", accountId: account, status: 1, capacity: 20_000))
                let ticket: ExpansionTicketMessage = try await harness.call(
                    BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_A", groups: 1), as: account)
                #expect(ticket.state == .pendingReview)
                let other = try await harness.approvedEnterprise(name: "Other")
                let foreign = await harness.refusal(
                    BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_A", groups: 1), as: other,
                    returning: ExpansionTicketMessage.self)
                #expect(foreign.code == .notFound)
                #expect(foreign.message == "no code code_A in this account")
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
                BillingMethods.purchaseCodes, PurchaseCodesRequest(kind: .flagship, quantity: 5), as: account, key: "k",
                returning: PurchaseResponse.self)
            // Then there is no order and no message
            #expect(try await harness.orders(account).isEmpty)
            #expect(try await harness.outbox().isEmpty)
            // When it buys the fee, Then the order and its two messages are there together
            let order = try #require(try await harness.buyFee(account).order)
            #expect(try await harness.outbox().map(\.id) == ["\(order.orderId)/fee-terms", "\(order.orderId)/gift-code"])
        }
    }
}
