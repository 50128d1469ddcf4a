import HuanjuAPI
import HuanjuDomain

/// A `BillingEvent` checked and reduced to the one change it asks for.
///
/// Checking happens before anything is stored: a malformed event is refused
/// (INVALID_ARGUMENT, nothing claimed), so billing's relay logs it and retries it rather than
/// activation silently dropping it.
struct BillingChange: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Replace the account's copy of its fee schedule.
        case feeTerms(FeeSchedule)
        /// Issue `quantity` codes.
        case codes(kind: CodeKind, quantity: Int, addonGroups: Int, issuedAt: Instant, orderId: String, gift: Bool)
        /// Record a paid expansion, pending an operator.
        case expansionPaid(ticketId: String, codeId: String, groups: Int, paidAt: Instant)
    }

    let eventId: String
    let accountId: String
    let occurredAt: Instant
    let kind: Kind

    init(_ event: BillingEvent) throws(DomainError) {
        guard !event.eventId.isEmpty else { throw .invalidArgument("a billing event needs an event_id (its idempotency key)") }
        guard !event.accountId.isEmpty else {
            throw .invalidArgument("billing event \(event.eventId) needs the account_id it concerns")
        }
        let set = [event.feeTermsChanged != nil, event.codesOrdered != nil, event.expansionPaid != nil].filter { $0 }.count
        guard set == 1 else {
            throw .invalidArgument(
                "billing event \(event.eventId) must carry exactly one of fee_terms_changed, codes_ordered, "
                    + "expansion_paid (it carries \(set))")
        }
        eventId = event.eventId
        accountId = event.accountId
        occurredAt = try Instant.validated(unixMilliseconds: event.occurredAtMs.unixMilliseconds)
        if let fee = event.feeTermsChanged {
            var terms: [FeeTerm] = []
            for term in fee.terms {
                terms.append(try FeeTerm(
                    start: try Instant.validated(unixMilliseconds: term.startMs.unixMilliseconds),
                    end: try Instant.validated(unixMilliseconds: term.endMs.unixMilliseconds)))
            }
            kind = .feeTerms(try FeeSchedule(terms: terms))
        } else if let order = event.codesOrdered {
            let codeKind: CodeKind
            switch order.kind {
            case .flagship: codeKind = .flagship
            case .standard: codeKind = .standard
            case .unspecified:
                throw .invalidArgument("billing event \(event.eventId): codes_ordered needs a kind (FLAGSHIP or STANDARD)")
            }
            guard (1...OrderLimits.maxCodesPerOrder).contains(Int(order.quantity)) else {
                throw .invalidArgument(
                    "billing event \(event.eventId): codes_ordered quantity must be 1–\(OrderLimits.maxCodesPerOrder), "
                        + "got \(order.quantity)")
            }
            guard Int(order.addonGroupsPerCode) <= OrderLimits.maxAddOnGroupsPerCode else {
                throw .invalidArgument(
                    "billing event \(event.eventId): at most \(OrderLimits.maxAddOnGroupsPerCode) add-on groups per code, "
                        + "got \(order.addonGroupsPerCode)")
            }
            guard !order.orderId.isEmpty else {
                throw .invalidArgument("billing event \(event.eventId): codes_ordered needs the order_id")
            }
            kind = .codes(
                kind: codeKind, quantity: Int(order.quantity), addonGroups: Int(order.addonGroupsPerCode),
                issuedAt: try Instant.validated(unixMilliseconds: order.issuedAtMs.unixMilliseconds),
                orderId: order.orderId, gift: order.gift)
        } else if let paid = event.expansionPaid {
            guard !paid.ticketId.isEmpty, !paid.codeId.isEmpty else {
                throw .invalidArgument("billing event \(event.eventId): expansion_paid needs a ticket_id and a code_id")
            }
            guard (1...OrderLimits.maxExpansionGroups).contains(Int(paid.groups)) else {
                throw .invalidArgument(
                    "billing event \(event.eventId): expansion groups must be 1–\(OrderLimits.maxExpansionGroups), "
                        + "got \(paid.groups)")
            }
            kind = .expansionPaid(
                ticketId: paid.ticketId, codeId: paid.codeId, groups: Int(paid.groups),
                paidAt: try Instant.validated(unixMilliseconds: paid.paidAtMs.unixMilliseconds))
        } else {
            throw .invalidArgument("billing event \(event.eventId) carries no change")
        }
    }
}
