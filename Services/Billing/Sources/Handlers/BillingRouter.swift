import HuanjuAPI
import HuanjuRuntime
import HuanjuWire

/// The billing service's router: every method of `huanju.billing.v1.Billing`, with the access
/// and metadata proto/ declares (the generated descriptors), then health, the method list and
/// metrics (with billing's gauges).
///
/// - Parameters:
///   - store: the billing database.
///   - clock: where every "now" comes from.
///   - codes: where ticket methods look up a customer's code (activation, or a fake in tests).
///   - health: what `Health/Check` reports.
public func makeBillingRouter(
    store: BillingStore, clock: any BusinessClock, codes: any CodeDirectory, health: HealthStatus
) -> Router {
    var router = Router(serviceName: "billing")
    BillingV1.BillingService.register(BillingHandlers(store: store, clock: clock, codes: codes), in: &router)
    router.addStandardServices(health: health, serviceNames: [BillingV1.BillingService.name], gauges: { await store.gauges() })
    return router
}
