import HuanjuAPI
import HuanjuWire
import Synchronization

/// A stand-in for billing's operator socket: records the `ActivationEvent`s delivered to
/// `Billing/DeliverActivationEvent` and acknowledges each, or refuses each with `refusal`.
final class FakeBilling: Sendable {
    /// What billing received, in order.
    final class Received: Sendable {
        private let storage = Mutex<[BillingV1.ActivationEvent]>([])
        var events: [BillingV1.ActivationEvent] { storage.withLock { $0 } }
        func append(_ event: BillingV1.ActivationEvent) { storage.withLock { $0.append(event) } }
    }

    let received = Received()
    let server: RPCServer

    /// A billing that acknowledges every event, or refuses every one with `refusal`.
    init(directory: String, refusal: RPCError? = nil) {
        let received = self.received
        var router = Router(serviceName: "billing")
        router.register(BillingV1.BillingService.Method.deliverActivationEvent) { event, _ in
            if let refusal { throw refusal }
            received.append(event)
            return BillingV1.ActivationEventAck(appliedNow: true)
        }
        var configuration = ServerConfiguration(serviceName: "billing", runtimeDirectory: directory)
        configuration.logger = ActivationHarness.quiet
        server = RPCServer(configuration: configuration, router: router)
    }
}
