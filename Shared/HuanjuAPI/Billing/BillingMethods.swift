/// Fully qualified method names of `huanju.billing.v1.Billing`.
public enum BillingMethods {
    public static let service = "huanju.billing.v1.Billing"
    /// Operator socket; activation's outbox relay.
    public static let deliverActivationEvent = "\(service)/DeliverActivationEvent"

    // MARK: Customers (public socket; metadata "account-id", except RegisterAccount)

    /// Anyone: register an ENTERPRISE or INDIVIDUAL account.
    public static let registerAccount = "\(service)/RegisterAccount"
    public static let applyForFormalService = "\(service)/ApplyForFormalService"
    public static let getAccount = "\(service)/GetAccount"
    /// Also needs metadata "idempotency-key".
    public static let purchaseAnnualFee = "\(service)/PurchaseAnnualFee"
    /// Also needs metadata "idempotency-key".
    public static let purchaseCodes = "\(service)/PurchaseCodes"
    public static let openExpansionTicket = "\(service)/OpenExpansionTicket"
    /// Also needs metadata "idempotency-key".
    public static let payExpansionTicket = "\(service)/PayExpansionTicket"
    public static let listOrders = "\(service)/ListOrders"
    public static let getOrder = "\(service)/GetOrder"
    public static let listExpansionTickets = "\(service)/ListExpansionTickets"
    public static let getExpansionTicket = "\(service)/GetExpansionTicket"
    /// Always FAILED_PRECONDITION: purchases are non-refundable.
    public static let requestRefund = "\(service)/RequestRefund"
    /// Always FAILED_PRECONDITION: purchases are final.
    public static let cancelOrder = "\(service)/CancelOrder"

    // MARK: Operators (operator socket only)

    public static let listApplications = "\(service)/ListApplications"
    public static let approveApplication = "\(service)/ApproveApplication"
    public static let rejectApplication = "\(service)/RejectApplication"
    public static let listAccounts = "\(service)/ListAccounts"
    public static let listAllExpansionTickets = "\(service)/ListAllExpansionTickets"
    public static let approveExpansionTicket = "\(service)/ApproveExpansionTicket"
    public static let rejectExpansionTicket = "\(service)/RejectExpansionTicket"
    public static let getOutboxStatus = "\(service)/GetOutboxStatus"
}
