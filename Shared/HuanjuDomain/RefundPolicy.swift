/// Purchases are final (RULES §3): paid when placed, never refunded or cancelled.
public enum RefundPolicy {
    /// What the customer asked for after buying.
    public enum Request: String, Sendable, Hashable, Codable, CaseIterable {
        /// Money back.
        case refund = "REFUND"
        /// Undo the order.
        case cancellation = "CANCELLATION"
    }

    /// The refusal every such request gets: `failedPrecondition`, saying purchases are non-refundable.
    ///
    /// - Parameter order: how to name the order in the message (e.g. its id), if known.
    public static func refusal(of request: Request, order: String? = nil) -> DomainError {
        let what = request == .refund ? "refund" : "cancel"
        let subject = order.map { "order \($0)" } ?? "an order"
        return .failedPrecondition(
            "cannot \(what) \(subject): purchases are non-refundable; every order is paid when placed "
                + "and is final, with no refunds or cancellations")
    }
}
