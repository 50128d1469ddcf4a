import HuanjuAPI
import HuanjuRuntime
import HuanjuWire
import Logging

/// The `huanju.activation.v1.Activation` methods on a router, as proto/ declares them (access
/// and metadata checked by the router), plus the standard health, method-list and metrics
/// services (registered last, so the list is complete).
///
/// Customer methods need `account-id` metadata and act on that account's codes only;
/// operator and peer methods are refused on the public socket. `webhooks` sends
/// `TestWebhook`'s event. Used by `runActivation` and by tests that serve it in-process.
public func makeActivationRouter(
    store: ActivationStore, clock: any BusinessClock, logger: Logger, health: HealthStatus,
    bindLimit: BindRateLimit = .standard, webhooks: WebhookSender = WebhookSender()
) -> Router {
    var router = Router(serviceName: "activation")
    ActivationV1.ActivationService.register(
        ActivationHandlers(store: store, clock: clock, logger: logger, bindLimit: bindLimit, webhooks: webhooks), in: &router)
    router.addStandardServices(
        health: health, serviceNames: [ActivationV1.ActivationService.name], gauges: { await store.gauges() })
    return router
}
