import HuanjuDomain

/// One order of the ledger with its priced lines, and whether activation has acknowledged
/// every message it sent.
struct Order: Sendable, Equatable {
    /// `ord_` + 16 symbols.
    let id: String
    let accountID: String
    let intent: PurchaseIntent
    /// The priced request (for an expansion payment: its ticket's groups).
    let request: PurchaseRequest
    let placedAt: Instant
    let lines: [OrderLine]
    let total: Fen
    let idempotencyKey: String
    /// Annual-fee orders: the fee's end right after the purchase.
    let feeActiveUntil: Instant?
    /// The outbox message-id prefix of the order's messages (`<order_id>/`, or `<ticket_id>/`
    /// for an expansion payment).
    let eventPrefix: String
    /// Whether every message of the order was delivered (FULFILLED; else PENDING).
    let fulfilled: Bool

    /// The ticket an expansion payment paid for.
    var ticketID: String? {
        if case .expansion(let ticketID) = intent { return ticketID }
        return nil
    }
}

/// The result of a purchase: the order (new, or the original one for a retry).
struct PurchaseOutcome: Sendable {
    let order: Order
    /// True when the idempotency key had been used for this same purchase before.
    let replayed: Bool
    /// An expansion payment's ticket.
    let ticket: Ticket?
}
