/// Fully qualified method names of `huanju.billing.v1.Billing`.
public enum BillingMethods {
    public static let service = "huanju.billing.v1.Billing"
    /// Operator socket; activation's outbox relay.
    public static let deliverActivationEvent = "\(service)/DeliverActivationEvent"
}
