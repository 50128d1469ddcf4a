import HuanjuAPI
import HuanjuWire
import Synchronization

/// A stand-in for billing's operator socket: records the `ActivationEvent`s delivered to
/// `Billing/DeliverActivationEvent` and acknowledges each.
final class FakeBilling: Sendable {
    /// What billing received, in order.
    final class Received: Sendable {
        private let storage = Mutex<[ActivationEvent]>([])
        var events: [ActivationEvent] { storage.withLock { $0 } }
        func append(_ event: ActivationEvent) { storage.withLock { $0.append(event) } }
    }

    let received = Received()
    let server: RPCServer

    init(directory: String) {
        let received = self.received
        var router = Router(serviceName: "billing")
        router.register(BillingMethods.deliverActivationEvent, access: .operatorOnly) { (event: ActivationEvent, _) in
            received.append(event)
            return ActivationEventAck(appliedNow: true)
        }
        var configuration = ServerConfiguration(serviceName: "billing", runtimeDirectory: directory)
        configuration.logger = ActivationHarness.quiet
        server = RPCServer(configuration: configuration, router: router)
    }
}
