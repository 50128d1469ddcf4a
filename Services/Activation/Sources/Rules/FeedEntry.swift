import HuanjuDomain

/// What a feed event says happened (`FeedEventType` on the wire, its suffix in the database).
enum FeedEventKind: String, Sendable, Equatable, CaseIterable {
    case feeBought = "FEE_BOUGHT"
    case feeRenewed = "FEE_RENEWED"
    case feeLapsed = "FEE_LAPSED"
    case codeIssued = "CODE_ISSUED"
    case codeBound = "CODE_BOUND"
    case codeSuspended = "CODE_SUSPENDED"
    case codeRestored = "CODE_RESTORED"
    case codeLapsed = "CODE_LAPSED"
    case codeExpired = "CODE_EXPIRED"
    case expansionPaid = "EXPANSION_PAID"
    case expansionApplied = "EXPANSION_APPLIED"
    case bindReminder = "BIND_REMINDER"
    case feeEndReminder = "FEE_END_REMINDER"
    case codeExpiryReminder = "CODE_EXPIRY_REMINDER"
    case applicationDecided = "APPLICATION_DECIDED"
    case expansionOpened = "EXPANSION_OPENED"
    case expansionDecided = "EXPANSION_DECIDED"
    case broadcastStarted = "BROADCAST_STARTED"
    case broadcastEnded = "BROADCAST_ENDED"
}

/// One event for an account's feed, before it is stored: what happened, when it took effect,
/// what it concerns, and a sentence for the customer (instants in CST, what to do).
///
/// `eventID` is derived from the fact itself (`code-lapsed:<code id>`, `fee:<billing event>`…),
/// so recording the same fact twice — a redelivered message, a clock pass repeated after a
/// crash — stores it once.
struct FeedEntry: Sendable, Equatable {
    let eventID: String
    let accountID: String
    let kind: FeedEventKind
    let occurredAt: Instant
    var codeID: String? = nil
    var codeMasked: String? = nil
    var ticketID: String? = nil
    var orderID: String? = nil
    var broadcastID: String? = nil
    var deadline: Instant? = nil
    var daysLeft: Int? = nil
    let text: String
}

/// A code as the feed's clock needs it.
struct FeedCode: Sendable, Equatable {
    let codeID: String
    let accountID: String
    let masked: String
    let bindDeadline: Instant
    /// Nil while unbound.
    let boundAt: Instant?
    /// Nil while unbound.
    let validUntil: Instant?
}
