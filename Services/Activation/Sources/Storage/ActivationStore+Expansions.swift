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
    static func expansionAppliedEventId(ticketId: String) -> String { "expansion-applied:\(ticketId)" }

    /// Applies a paid expansion (RULES §6 step 4): the code's capacity grows by 100 × groups,
    /// its validity unchanged, and an `ActivationEvent{ExpansionApplied}` for billing is queued
    /// in the same transaction. Applying an applied ticket again changes nothing.
    ///
    /// - Throws: NOT_FOUND for a ticket billing never reported paid; FAILED_PRECONDITION when
    ///   the ticket names a code its account does not hold.
    func applyExpansion(ticketId: String, at now: Instant) async throws -> ExpansionApplication {
        try await database.write { db in
            guard var expansion = try Row.fetchOne(
                db, sql: "SELECT \(ExpansionRecord.columns) FROM expansions WHERE ticket_id = ?", arguments: [ticketId]
            ).map(ExpansionRecord.init(row:)) else {
                throw DomainError.notFound(
                    "no paid expansion ticket \(ticketId) has reached activation; if billing shows it PAID, its message "
                        + "may still be waiting in billing's outbox: try again shortly")
            }
            guard let record = try Self.codeRecord(db, id: expansion.codeId), record.accountId == expansion.accountId else {
                throw DomainError.failedPrecondition(
                    "expansion ticket \(ticketId) names code \(expansion.codeId), which account \(expansion.accountId) "
                        + "does not hold here; check the ticket in billing")
            }
            if expansion.isApplied {
                guard let stored = try Self.assemble(db, [record]).first else { throw StoredDataError("code vanished") }
                return ExpansionApplication(expansion: expansion, code: stored, appliedNow: false)
            }
            var code = try record.domainCode()
            try code.applyExpansion(groups: expansion.groups)
            try db.execute(sql: "UPDATE codes SET expansion_groups = ? WHERE code_id = ?",
                           arguments: [code.expansionGroups, record.codeId])
            try db.execute(sql: "UPDATE expansions SET applied_at = ? WHERE ticket_id = ?",
                           arguments: [now.unixMilliseconds, ticketId])
            expansion.appliedAt = now
            let eventId = Self.expansionAppliedEventId(ticketId: ticketId)
            let event = ActivationEvent(
                eventId: eventId, accountId: expansion.accountId, occurredAtMs: now,
                expansionApplied: ExpansionApplied(
                    ticketId: ticketId, codeId: record.codeId, groups: UInt32(expansion.groups), appliedAtMs: now))
            try Outbox.enqueue(db, messageID: eventId, partition: expansion.accountId, method: BillingMethods.deliverActivationEvent,
                               payload: try event.serializedBytes(), at: now)
            var updated = record
            updated.expansionGroups = code.expansionGroups
            guard let stored = try Self.assemble(db, [updated]).first else { throw StoredDataError("code vanished") }
            return ExpansionApplication(expansion: expansion, code: stored, appliedNow: true)
        }
    }

    /// A page of paid expansions not yet applied, oldest payment first; one account's only
    /// when `accountId` is given.
    func pendingExpansions(accountId: String?, page: PageRequest) async throws -> PageOf<ExpansionRecord> {
        try await database.read { db in
            var sql = "SELECT \(ExpansionRecord.columns) FROM expansions WHERE applied_at IS NULL"
            var arguments: StatementArguments = []
            if let accountId {
                sql += " AND account_id = ?"
                arguments += [accountId]
            }
            if let after = page.after {
                sql += " AND (paid_at > ? OR (paid_at = ? AND ticket_id > ?))"
                arguments += [after.key, after.key, after.id]
            }
            sql += " ORDER BY paid_at, ticket_id LIMIT ?"
            arguments += [page.size + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map(ExpansionRecord.init(row:))
            return PageOf(fetched: rows, size: page.size) {
                PagePosition(key: $0.paidAt.unixMilliseconds, id: $0.ticketId)
            }
        }
    }
}
