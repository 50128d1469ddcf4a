import HuanjuAPI
import HuanjuRuntime
import HuanjuWire
import Logging

/// The `huanju.activation.v1.Activation` methods on a router, plus the standard health and
/// method-list services (registered last, so the list is complete).
///
/// Customer methods need `account-id` metadata and act on that account's codes only;
/// operator methods are refused on the public socket. Used by `runActivation` and by tests
/// that serve it in-process.
public func makeActivationRouter(
    store: ActivationStore, clock: any BusinessClock, logger: Logger, health: HealthStatus,
    bindLimit: BindRateLimit = .standard
) -> Router {
    let handlers = ActivationHandlers(store: store, clock: clock, logger: logger, bindLimit: bindLimit)
    let account = [MetadataKey.accountID]
    var router = Router(serviceName: "activation")
    router.register(ActivationMethods.listCodes, requires: account, handler: handlers.listCodes)
    router.register(ActivationMethods.getCode, requires: account, handler: handlers.getCode)
    router.register(ActivationMethods.bindCode, requires: account, handler: handlers.bindCode)
    router.register(ActivationMethods.applyExpansion, access: .operatorOnly, handler: handlers.applyExpansion)
    router.register(ActivationMethods.listPendingExpansions, access: .operatorOnly, handler: handlers.listPendingExpansions)
    router.register(ActivationMethods.listAccountCodes, access: .operatorOnly, handler: handlers.listAccountCodes)
    router.register(ActivationMethods.getOutboxStatus, access: .operatorOnly, handler: handlers.getOutboxStatus)
    router.register(ActivationMethods.deliverBillingEvent, access: .operatorOnly, handler: handlers.deliverBillingEvent)
    router.register(ActivationMethods.authorizeBroadcast, access: .operatorOnly, handler: handlers.authorizeBroadcast)
    router.addStandardServices(health: health, serviceNames: [ActivationMethods.service], gauges: { await store.gauges() })
    return router
}
