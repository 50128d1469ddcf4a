/// Fully qualified method names of `huanju.activation.v1.Activation`.
public enum ActivationMethods {
    public static let service = "huanju.activation.v1.Activation"
    /// Operator socket; billing's outbox relay.
    public static let deliverBillingEvent = "\(service)/DeliverBillingEvent"
    /// Operator socket; the room-session service.
    public static let authorizeBroadcast = "\(service)/AuthorizeBroadcast"
}
