import HuanjuAPI
import HuanjuDomain

/// A `BillingEvent` checked and reduced to the one change it asks for.
///
/// Checking happens before anything is stored, and a refused event is never claimed: billing's
/// relay keeps it, parks its account (its later events wait behind it, other accounts go on)
/// and retries it, rather than activation silently dropping it.
///
/// - INVALID_ARGUMENT: the event is broken whoever reads it (no event or account id, a
///   quantity or group count out of range, no code kind, an instant outside years 1–9999).
/// - FAILED_PRECONDITION: the event is one a newer billing may well send but this build
///   cannot apply (a `change` it does not know, or none; a code kind it does not know): it
///   applies once activation is upgraded.
///
/// Fields this build does not know are skipped when the event decodes; they never matter.
struct BillingChange: Sendable, Equatable {
    /// Codes to issue for an order: `quantity` codes of `kind`.
    struct CodeOrder: Sendable, Equatable {
        let kind: CodeKind
        let quantity: Int
        let addonGroups: Int
        /// The purchase instant: the binding window starts here, not at delivery.
        let issuedAt: Instant
        let orderID: String
        let gift: Bool
    }

    /// A paid expansion, to record until an operator applies it.
    struct PaidExpansion: Sendable, Equatable {
        let ticketID: String
        let codeID: String
        let groups: Int
        let paidAt: Instant
    }

    /// A fact billing reports for the account's feed alone: it changes nothing else here.
    enum Notice: Sendable, Equatable {
        case applicationDecided(approved: Bool, reason: String, submittedAt: Instant)
        case ticketOpened(ticketID: String, codeID: String, groups: Int)
        case ticketDecided(ticketID: String, codeID: String, groups: Int, approved: Bool, reason: String)
    }

    /// What the event asks for.
    enum Kind: Sendable, Equatable {
        /// Replace the account's copy of its fee schedule.
        case feeTerms(FeeSchedule)
        /// Issue codes.
        case codes(CodeOrder)
        /// Record a paid expansion, pending an operator.
        case expansionPaid(PaidExpansion)
        /// Record a fact in the account's feed.
        case notice(Notice)
    }

    let eventID: String
    let accountID: String
    let occurredAt: Instant
    let kind: Kind

    /// The change `event` asks for, checked.
    init(_ event: ActivationV1.BillingEvent) throws(DomainError) {
        guard !event.eventID.isEmpty else { throw .invalidArgument("a billing event needs an event_id (its idempotency key)") }
        guard !event.accountID.isEmpty else {
            throw .invalidArgument("billing event \(event.eventID) needs the account_id it concerns")
        }
        eventID = event.eventID
        accountID = event.accountID
        occurredAt = try Instant.validated(unixMilliseconds: event.occurredAtMs)
        switch event.change {
        case .feeTermsChanged(let fee):
            kind = .feeTerms(try Self.schedule(fee))
        case .codesOrdered(let order):
            kind = .codes(try Self.order(order, eventID: event.eventID))
        case .expansionPaid(let paid):
            kind = .expansionPaid(try Self.expansion(paid, eventID: event.eventID))
        case .applicationDecided(let decided):
            kind = .notice(.applicationDecided(
                approved: decided.approved, reason: decided.reason,
                submittedAt: try Instant.validated(unixMilliseconds: decided.submittedAtMs)))
        case .ticketOpened(let opened):
            try Self.checkTicket(opened.ticketID, opened.codeID, opened.groups, eventID: event.eventID)
            kind = .notice(.ticketOpened(ticketID: opened.ticketID, codeID: opened.codeID, groups: Int(opened.groups)))
        case .ticketDecided(let decided):
            try Self.checkTicket(decided.ticketID, decided.codeID, decided.groups, eventID: event.eventID)
            kind = .notice(.ticketDecided(
                ticketID: decided.ticketID, codeID: decided.codeID, groups: Int(decided.groups), approved: decided.approved,
                reason: decided.reason))
        case nil:
            throw Self.unknownChange(eventID: event.eventID)
        }
    }

    /// The refusal of an event whose change this build does not know (or that carries none).
    static func unknownChange(eventID: String) -> DomainError {
        .failedPrecondition(
            "billing event \(eventID) carries a change this activation does not know; upgrade activation "
                + "(it knows fee_terms_changed, codes_ordered, expansion_paid, application_decided, ticket_opened and "
                + "ticket_decided)")
    }

    private static func schedule(_ fee: ActivationV1.FeeTermsChanged) throws(DomainError) -> FeeSchedule {
        var terms: [FeeTerm] = []
        for term in fee.terms {
            terms.append(try FeeTerm(
                start: try Instant.validated(unixMilliseconds: term.startMs),
                end: try Instant.validated(unixMilliseconds: term.endMs)))
        }
        return try FeeSchedule(terms: terms)
    }

    private static func order(_ order: ActivationV1.CodesOrdered, eventID: String) throws(DomainError) -> CodeOrder {
        guard let kind = CodeKind(order.kind) else {
            guard order.kind.isRecognized else {
                // The kind decides each code's capacity: a kind this build does not know cannot be issued.
                throw .failedPrecondition(
                    "billing event \(eventID): unknown code kind \(order.kind.rawValue) in codes_ordered.kind; this "
                        + "activation knows CODE_KIND_FLAGSHIP and CODE_KIND_STANDARD: upgrade activation")
            }
            throw .invalidArgument("billing event \(eventID): codes_ordered needs a kind (FLAGSHIP or STANDARD)")
        }
        guard (1...OrderLimits.maxCodesPerOrder).contains(Int(order.quantity)) else {
            throw .invalidArgument(
                "billing event \(eventID): codes_ordered quantity must be 1–\(OrderLimits.maxCodesPerOrder), got \(order.quantity)")
        }
        guard Int(order.addonGroupsPerCode) <= OrderLimits.maxAddOnGroupsPerCode else {
            throw .invalidArgument(
                "billing event \(eventID): at most \(OrderLimits.maxAddOnGroupsPerCode) add-on groups per code, "
                    + "got \(order.addonGroupsPerCode)")
        }
        guard !order.orderID.isEmpty else {
            throw .invalidArgument("billing event \(eventID): codes_ordered needs the order_id")
        }
        return CodeOrder(
            kind: kind, quantity: Int(order.quantity), addonGroups: Int(order.addonGroupsPerCode),
            issuedAt: try Instant.validated(unixMilliseconds: order.issuedAtMs), orderID: order.orderID, gift: order.gift)
    }

    private static func checkTicket(_ ticketID: String, _ codeID: String, _ groups: UInt32, eventID: String) throws(DomainError) {
        guard !ticketID.isEmpty, !codeID.isEmpty else {
            throw .invalidArgument("billing event \(eventID): a ticket notice needs a ticket_id and a code_id")
        }
        guard (1...OrderLimits.maxExpansionGroups).contains(Int(groups)) else {
            throw .invalidArgument(
                "billing event \(eventID): expansion groups must be 1–\(OrderLimits.maxExpansionGroups), got \(groups)")
        }
    }

    private static func expansion(_ paid: ActivationV1.ExpansionPaid, eventID: String) throws(DomainError) -> PaidExpansion {
        guard !paid.ticketID.isEmpty, !paid.codeID.isEmpty else {
            throw .invalidArgument("billing event \(eventID): expansion_paid needs a ticket_id and a code_id")
        }
        guard (1...OrderLimits.maxExpansionGroups).contains(Int(paid.groups)) else {
            throw .invalidArgument(
                "billing event \(eventID): expansion groups must be 1–\(OrderLimits.maxExpansionGroups), got \(paid.groups)")
        }
        return PaidExpansion(
            ticketID: paid.ticketID, codeID: paid.codeID, groups: Int(paid.groups),
            paidAt: try Instant.validated(unixMilliseconds: paid.paidAtMs))
    }
}
