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
        /// For the account's event feed (activation keeps it): an operator decided its
        /// application (a rejection carries its reason).
        case applicationDecided(approved: Bool, reason: String, submittedAt: Instant)
        /// For the feed: the customer opened an expansion ticket.
        case ticketOpened(ticketID: String, codeID: String, groups: Int)
        /// For the feed: an operator approved or rejected a ticket.
        case ticketDecided(ticketID: String, codeID: String, groups: Int, approved: Bool, reason: String)
    }

    /// The receiver's idempotency key and the outbox message id: `<order_id>/fee-terms`,
    /// `<order_id>/gift-code`, `<order_id>/codes`, `<ticket_id>/paid`, `<ticket_id>/opened`,
    /// `<ticket_id>/decided`, `<account_id>/application-<n>/decided`.
    let eventID: String
    /// The account it concerns: the outbox partition, delivered in order.
    let accountID: String
    let occurredAt: Instant
    let kind: Kind
}
