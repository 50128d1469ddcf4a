import HuanjuAPI
import HuanjuRuntime
import HuanjuWire

/// The billing service's router: every method of `huanju.billing.v1.Billing` with its access
/// and required metadata, then health, the method list and metrics (with billing's gauges).
///
/// - Parameters:
///   - store: the billing database.
///   - clock: where every "now" comes from.
///   - codes: where ticket methods look up a customer's code (activation, or a fake in tests).
///   - health: what `Health/Check` reports.
public func makeBillingRouter(
    store: BillingStore, clock: any BusinessClock, codes: any CodeDirectory, health: HealthStatus
) -> Router {
    let handlers = BillingHandlers(store: store, clock: clock, codes: codes)
    let account = [MetadataKey.accountID]
    let purchase = [MetadataKey.accountID, MetadataKey.idempotencyKey]
    var router = Router(serviceName: "billing")

    router.register(BillingMethods.registerAccount, handler: handlers.registerAccount)
    router.register(BillingMethods.applyForFormalService, requires: account, handler: handlers.applyForFormalService)
    router.register(BillingMethods.getAccount, requires: account, handler: handlers.getAccount)
    router.register(BillingMethods.purchaseAnnualFee, requires: purchase, handler: handlers.purchaseAnnualFee)
    router.register(BillingMethods.purchaseCodes, requires: purchase, handler: handlers.purchaseCodes)
    router.register(BillingMethods.openExpansionTicket, requires: account, handler: handlers.openExpansionTicket)
    router.register(BillingMethods.payExpansionTicket, requires: purchase, handler: handlers.payExpansionTicket)
    router.register(BillingMethods.listOrders, requires: account, handler: handlers.listOrders)
    router.register(BillingMethods.getOrder, requires: account, handler: handlers.getOrder)
    router.register(BillingMethods.listExpansionTickets, requires: account, handler: handlers.listExpansionTickets)
    router.register(BillingMethods.getExpansionTicket, requires: account, handler: handlers.getExpansionTicket)
    router.register(BillingMethods.requestRefund, requires: account, handler: handlers.requestRefund)
    router.register(BillingMethods.cancelOrder, requires: account, handler: handlers.cancelOrder)

    router.register(BillingMethods.listApplications, access: .operatorOnly, handler: handlers.listApplications)
    router.register(BillingMethods.approveApplication, access: .operatorOnly, handler: handlers.approveApplication)
    router.register(BillingMethods.rejectApplication, access: .operatorOnly, handler: handlers.rejectApplication)
    router.register(BillingMethods.listAccounts, access: .operatorOnly, handler: handlers.listAccounts)
    router.register(BillingMethods.listAllExpansionTickets, access: .operatorOnly, handler: handlers.listAllExpansionTickets)
    router.register(BillingMethods.approveExpansionTicket, access: .operatorOnly, handler: handlers.approveExpansionTicket)
    router.register(BillingMethods.rejectExpansionTicket, access: .operatorOnly, handler: handlers.rejectExpansionTicket)
    router.register(BillingMethods.getOutboxStatus, access: .operatorOnly, handler: handlers.getOutboxStatus)
    router.register(BillingMethods.deliverActivationEvent, access: .operatorOnly, handler: handlers.deliverActivationEvent)

    router.addStandardServices(health: health, serviceNames: [BillingMethods.service], gauges: { await store.gauges() })
    return router
}
