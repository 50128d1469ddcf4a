import HuanjuDomain

/// A change billing announces to activation, written to the outbox in the transaction that
/// makes it (`huanju.activation.v1.BillingEvent` on the wire, `BillingChange+Wire`).
struct BillingChange: Sendable, Equatable {
    /// What changed.
    enum Kind: Sendable, Equatable {
        /// The account's whole annual-fee schedule after a purchase.
        case feeTermsChanged(FeeSchedule)
        /// Codes to issue for order `orderID` (the annual fee's gift code too).
        case codesOrdered(orderID: String, kind: CodeKind, quantity: Int, addOnGroupsPerCode: Int, issuedAt: Instant, gift: Bool)
        /// An expansion ticket was paid: activation may apply it.
        case expansionPaid(ticketID: String, codeID: String, groups: Int, paidAt: Instant)
    }

    /// The receiver's idempotency key and the outbox message id: `<order_id>/fee-terms`,
    /// `<order_id>/gift-code`, `<order_id>/codes`, `<ticket_id>/paid`.
    let eventID: String
    /// The account it concerns: the outbox partition, delivered in order.
    let accountID: String
    let occurredAt: Instant
    let kind: Kind
}
