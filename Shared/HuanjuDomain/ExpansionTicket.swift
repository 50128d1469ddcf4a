/// A request to add k ≥ 1 groups of 100 viewers to an existing code (扩容, RULES §6).
///
/// Each transition is a mutating method that throws `failedPrecondition`, naming the current
/// state and the one needed, when called in the wrong state. The code's validity never
/// changes; the extra capacity (100 × k) ends with the code.
///
/// Vendor's decision: a ticket cannot be opened for a LAPSED or EXPIRED code, since it could
/// never be paid; it can be opened for an UNBOUND, ACTIVE or SUSPENDED one.
public struct ExpansionTicket: Sendable, Hashable, Codable {
    /// Groups of 100 viewers asked for (k).
    public let groups: Int
    /// When the customer opened the ticket.
    public let openedAt: Instant
    /// The current state.
    public private(set) var state: ExpansionTicketState

    /// Restores a ticket from storage.
    ///
    /// - Throws: `invalidArgument` for groups outside 1…10,000.
    public init(groups: Int, openedAt: Instant, state: ExpansionTicketState) throws(DomainError) {
        try ConcurrencyAddOn.checkGroups(
            groups, atLeastOne: true, max: OrderLimits.maxExpansionGroups, what: "expansion groups")
        self.groups = groups
        self.openedAt = openedAt
        self.state = state
    }

    /// Opens a ticket at `now` for a code whose status at `now` is `codeStatus`.
    ///
    /// - Throws: `invalidArgument` for groups outside 1…10,000; `failedPrecondition` for a
    ///   LAPSED or EXPIRED code.
    public static func open(groups: Int, codeStatus: CodeStatus, at now: Instant) throws(DomainError) -> ExpansionTicket {
        let ticket = try ExpansionTicket(groups: groups, openedAt: now, state: .pendingReview)
        try requireExpandable(codeStatus, toDo: "open an expansion ticket")
        return ticket
    }

    /// Viewers the expansion adds: 100 × k.
    public var addedViewers: Int { ConcurrencyAddOn.viewersPerGroup * groups }

    /// What paying costs: k × the group price.
    public func quote(_ catalog: Catalog = .list) throws(DomainError) -> OrderQuote {
        try OrderQuote.expansion(groups: groups, catalog: catalog)
    }

    /// An operator approves: PENDING_REVIEW → APPROVED.
    public mutating func approve() throws(DomainError) {
        try require(.pendingReview, toDo: "approve it", hint: "only a ticket waiting for review can be approved")
        state = .approved
    }

    /// An operator rejects with a reason: PENDING_REVIEW → REJECTED.
    ///
    /// - Throws: `invalidArgument` for an empty reason.
    public mutating func reject(reason: String) throws(DomainError) {
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw .invalidArgument("rejecting an expansion ticket needs a reason the customer can act on")
        }
        try require(.pendingReview, toDo: "reject it", hint: "only a ticket waiting for review can be rejected")
        state = .rejected(reason: reason)
    }

    /// The customer pays at `now`: APPROVED → PAID. Needs the annual fee active at `now` and the
    /// code (whose status at `now` is `codeStatus`) not LAPSED or EXPIRED.
    public mutating func pay(at now: Instant, fee: FeeSchedule, codeStatus: CodeStatus) throws(DomainError) {
        try require(.approved, toDo: "pay for it", hint: "an operator must approve the ticket first")
        try PurchaseEligibility.requireActiveFee(fee, at: now, toDo: "pay for the expansion")
        try Self.requireExpandable(codeStatus, toDo: "pay for the expansion")
        state = .paid
    }

    /// An operator applies the paid expansion: PAID → APPLIED. The caller adds the groups to
    /// the code with `ActivationCode.applyExpansion(groups:)` in the same step.
    public mutating func apply() throws(DomainError) {
        try require(.paid, toDo: "apply it", hint: "the customer must pay for the approved ticket first")
        state = .applied
    }

    private func require(_ needed: ExpansionTicketState, toDo action: String, hint: String) throws(DomainError) {
        guard state == needed else {
            throw .failedPrecondition(
                "cannot \(action): the expansion ticket is \(state.name), it must be \(needed.name); \(hint)")
        }
    }

    private static func requireExpandable(_ status: CodeStatus, toDo action: String) throws(DomainError) {
        switch status {
        case .lapsed:
            throw .failedPrecondition(
                "cannot \(action): the code is LAPSED (never bound in time) and can never be used; buy a new code")
        case .expired:
            throw .failedPrecondition(
                "cannot \(action): the code is EXPIRED and can never be renewed or extended; buy a new code")
        case .unbound, .active, .suspended:
            return
        }
    }
}
