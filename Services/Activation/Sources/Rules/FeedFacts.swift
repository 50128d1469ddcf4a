import HuanjuDomain

/// The feed events of facts activation records as they happen (RULES §4–§6): the annual fee
/// bought or renewed (from billing's fee schedule), a code issued or bound, an expansion paid
/// or applied. Each event's id is derived from the fact, so a fact recorded twice is stored once.
enum FeedFacts {
    /// What replacing `old` by `new` (billing's schedule after a purchase at `at`) did: the
    /// first term began (bought), a term's end moved or a new term began (renewed); nil when
    /// no term began or grew (an outdated or repeated schedule).
    static func feeChanged(
        accountID: String, eventID: String, at purchase: Instant, old: FeeSchedule, new: FeeSchedule
    ) -> FeedEntry? {
        let oldEnds = Dictionary(old.terms.map { ($0.start, $0.end) }, uniquingKeysWith: { $1 })
        guard let changed = new.terms.last(where: { oldEnds[$0.start] != $0.end }) else { return nil }
        let id = "fee:\(eventID)"
        let until = ChinaTime.format(changed.end)
        if old.terms.isEmpty {
            return FeedEntry(
                eventID: id, accountID: accountID, kind: .feeBought, occurredAt: purchase, deadline: changed.end,
                text: "The annual fee was bought at \(ChinaTime.format(purchase)): active until \(until).")
        }
        if oldEnds[changed.start] != nil {
            return FeedEntry(
                eventID: id, accountID: accountID, kind: .feeRenewed, occurredAt: purchase, deadline: changed.end,
                text: "The annual fee was renewed at \(ChinaTime.format(purchase)): now active until \(until).")
        }
        let gap = old.lastEnd(atOrBefore: changed.start).map { " (not active from \(ChinaTime.format($0)) until then)" } ?? ""
        return FeedEntry(
            eventID: id, accountID: accountID, kind: .feeRenewed, occurredAt: purchase, deadline: changed.end,
            text: "The annual fee was renewed at \(ChinaTime.format(purchase))\(gap): active again until \(until).")
    }

    /// A code was issued.
    static func codeIssued(
        codeID: String, accountID: String, masked: String, code: ActivationCode, orderID: String, gift: Bool
    ) -> FeedEntry {
        let addOns = code.addOnGroups == 0 ? "" : " with \(code.addOnGroups) add-on group\(code.addOnGroups == 1 ? "" : "s")"
        let free = gift ? ", free with the annual fee" : ""
        return FeedEntry(
            eventID: "code-issued:\(codeID)", accountID: accountID, kind: .codeIssued, occurredAt: code.issuedAt,
            codeID: codeID, codeMasked: masked, orderID: orderID, deadline: code.bindDeadline,
            text: "Code \(masked) (\(code.kind.displayName)\(addOns): \(code.capacity.grouped) viewers\(free)) was issued at "
                + "\(ChinaTime.format(code.issuedAt)): bind it before \(ChinaTime.format(code.bindDeadline)).")
    }

    /// A code was bound.
    static func codeBound(codeID: String, accountID: String, masked: String, binding: CodeBinding, validUntil: Instant) -> FeedEntry {
        FeedEntry(
            eventID: "code-bound:\(codeID)", accountID: accountID, kind: .codeBound, occurredAt: binding.boundAt,
            codeID: codeID, codeMasked: masked, deadline: validUntil,
            text: "Code \(masked) was bound at \(ChinaTime.format(binding.boundAt)): valid until "
                + "\(ChinaTime.format(validUntil)). Codes are not renewable.")
    }

    /// A paid expansion reached activation.
    static func expansionPaid(ticketID: String, accountID: String, codeID: String, masked: String?, groups: Int, paidAt: Instant) -> FeedEntry {
        let viewers = groups * ConcurrencyAddOn.viewersPerGroup
        return FeedEntry(
            eventID: "expansion-paid:\(ticketID)", accountID: accountID, kind: .expansionPaid, occurredAt: paidAt,
            codeID: codeID, codeMasked: masked, ticketID: ticketID,
            text: "Expansion ticket \(ticketID) for code \(masked ?? codeID) was paid at \(ChinaTime.format(paidAt)): "
                + "+\(viewers.grouped) viewers once an operator applies it.")
    }

    /// An operator applied an expansion.
    static func expansionApplied(
        ticketID: String, accountID: String, codeID: String, masked: String, capacity: Int, at applied: Instant
    ) -> FeedEntry {
        FeedEntry(
            eventID: "expansion-applied:\(ticketID)", accountID: accountID, kind: .expansionApplied, occurredAt: applied,
            codeID: codeID, codeMasked: masked, ticketID: ticketID,
            text: "Expansion ticket \(ticketID) was applied at \(ChinaTime.format(applied)): code \(masked) now admits "
                + "\(capacity.grouped) viewers, from its next broadcast.")
    }

    /// A fact billing reported for the feed: an application or a ticket decided, a ticket opened.
    static func notice(
        _ notice: BillingChange.Notice, eventID: String, accountID: String, at instant: Instant, codeMasked: String?
    ) -> FeedEntry {
        let id = "billing:\(eventID)"
        let when = ChinaTime.format(instant)
        switch notice {
        case let .applicationDecided(approved, reason, submittedAt):
            let submitted = ChinaTime.format(submittedAt)
            return FeedEntry(
                eventID: id, accountID: accountID, kind: .applicationDecided, occurredAt: instant,
                text: approved
                    ? "The application for the formal service (submitted \(submitted)) was approved at \(when): the "
                        + "account may buy the annual fee."
                    : "The application for the formal service (submitted \(submitted)) was rejected at \(when): "
                        + "\(reason) You may apply again.")
        case let .ticketOpened(ticketID, codeID, groups):
            return FeedEntry(
                eventID: id, accountID: accountID, kind: .expansionOpened, occurredAt: instant, codeID: codeID,
                codeMasked: codeMasked, ticketID: ticketID,
                text: "Expansion ticket \(ticketID) was opened at \(when) for code \(codeMasked ?? codeID): "
                    + "+\((groups * ConcurrencyAddOn.viewersPerGroup).grouped) viewers, waiting for an operator's review.")
        case let .ticketDecided(ticketID, codeID, groups, approved, reason):
            let viewers = (groups * ConcurrencyAddOn.viewersPerGroup).grouped
            return FeedEntry(
                eventID: id, accountID: accountID, kind: .expansionDecided, occurredAt: instant, codeID: codeID,
                codeMasked: codeMasked, ticketID: ticketID,
                text: approved
                    ? "Expansion ticket \(ticketID) for code \(codeMasked ?? codeID) (+\(viewers) viewers) was approved "
                        + "at \(when): pay it, then an operator applies it."
                    : "Expansion ticket \(ticketID) for code \(codeMasked ?? codeID) was rejected at \(when): \(reason)")
        }
    }
}
