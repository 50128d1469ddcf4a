import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime

/// What `applyExpansion` did.
struct ExpansionApplication: Sendable {
    let expansion: ExpansionRecord
    let code: StoredCode
    /// False when the ticket had been applied before.
    let appliedNow: Bool
}

extension ActivationStore {
    /// The outbox message id (billing's idempotency key) announcing a ticket's application.
    static func expansionAppliedEventID(ticketID: String) -> String { "expansion-applied:\(ticketID)" }

    /// Applies a paid expansion (RULES §6 step 4): the code's capacity grows by 100 × groups,
    /// its validity unchanged, and an `ActivationEvent{ExpansionApplied}` for billing is queued
    /// in the same transaction. Applying an applied ticket again changes nothing.
    ///
    /// - Throws: NOT_FOUND for a ticket billing never reported paid; FAILED_PRECONDITION when
    ///   the ticket names a code its account does not hold.
    func applyExpansion(ticketID: String, at now: Instant) async throws -> ExpansionApplication {
        try await database.write { db in
            guard var expansion = try ExpansionRecord.fetchOne(db, key: ticketID) else {
                throw DomainError.notFound(
                    "no paid expansion ticket \(ticketID) has reached activation; if billing shows it PAID, its message "
                        + "may still be waiting in billing's outbox: try again shortly")
            }
            guard var record = try CodeRecord.fetchOne(db, key: expansion.codeID), record.accountID == expansion.accountID else {
                throw DomainError.failedPrecondition(
                    "expansion ticket \(ticketID) names code \(expansion.codeID), which account \(expansion.accountID) "
                        + "does not hold here; check the ticket in billing")
            }
            if expansion.isApplied {
                guard let stored = try Self.assemble(db, [record]).first else { throw StoredDataError("code vanished") }
                return ExpansionApplication(expansion: expansion, code: stored, appliedNow: false)
            }
            try Self.recordClockEvents(db, through: now - .milliseconds(1), at: now)
            var code = try record.domainCode()
            try code.applyExpansion(groups: expansion.groups)
            record.expansionGroups = code.expansionGroups
            try record.update(db, columns: [CodeRecord.Columns.expansionGroups])
            expansion.appliedAt = now
            try expansion.update(db, columns: [ExpansionRecord.Columns.appliedAt])
            let event = BillingV1.ActivationEvent(
                eventID: Self.expansionAppliedEventID(ticketID: ticketID), applied: expansion)
            try Outbox.enqueue(
                db, messageID: event.eventID, partition: expansion.accountID,
                method: BillingV1.BillingService.Method.deliverActivationEvent.name, payload: event.serializedBytes(), at: now)
            try Self.record(db, FeedFacts.expansionApplied(
                ticketID: ticketID, accountID: expansion.accountID, codeID: record.codeID,
                masked: try record.codeSecret().masked, capacity: code.capacity, at: now), at: now)
            guard let stored = try Self.assemble(db, [record]).first else { throw StoredDataError("code vanished") }
            return ExpansionApplication(expansion: expansion, code: stored, appliedNow: true)
        }
    }

    /// A page of paid expansions not yet applied, oldest payment first; one account's only
    /// when `accountID` is given.
    ///
    /// - Throws: INVALID_ARGUMENT when the page token names no expansion ticket (of that
    ///   account). A ticket applied since its page was listed still names its place.
    func pendingExpansions(accountID: String?, page: PageRequest) async throws -> PageOf<ExpansionRecord> {
        try await database.read { db in
            typealias Columns = ExpansionRecord.Columns
            var tickets = ExpansionRecord.all()
            if let accountID { tickets = tickets.filter(Columns.accountID == accountID) }
            var request = tickets.filter(Columns.appliedAt == nil)
            if let after = page.after {
                let issued = try after.secondKey == 0 && tickets.filter(
                    Columns.ticketID == after.id && Columns.paidAt == after.key).fetchCount(db) == 1
                try page.check(issued: issued)
                request = request.filter(
                    Columns.paidAt > after.key || (Columns.paidAt == after.key && Columns.ticketID > after.id))
            }
            let rows = try request.order(Columns.paidAt, Columns.ticketID).limit(page.size + 1).fetchAll(db)
            return PageOf(fetched: rows, size: page.size) {
                PagePosition(key: $0.paidAt.unixMilliseconds, id: $0.ticketID)
            }
        }
    }
}
