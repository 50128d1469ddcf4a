import GRDB
import HuanjuDomain
import HuanjuRuntime

/// What applying a billing event did, for the log and the acknowledgement.
enum BillingEventOutcome: Sendable, Equatable {
    /// The event had been applied before: nothing changed.
    case redelivered
    /// The account's fee schedule was replaced (`terms` terms).
    case feeTermsReplaced(terms: Int)
    /// An older schedule than the one held arrived late: kept the newer one.
    case feeTermsOutdated
    /// Codes were issued.
    case codesIssued([CodeRecord])
    /// A paid expansion was recorded; `codeKnown` is false when the account holds no such code
    /// (an operator cannot apply it then).
    case expansionRecorded(ExpansionRecord, codeKnown: Bool)
    /// The ticket was recorded before under another event: nothing changed.
    case expansionAlreadyRecorded

    /// Whether the event changed anything now (the ack's `applied_now`).
    var appliedNow: Bool { self != .redelivered }
}

extension ActivationStore {
    /// Applies a billing event exactly once: its id is claimed in the inbox in the same
    /// transaction that applies it; a redelivery changes nothing.
    func apply(_ change: BillingChange, receivedAt now: Instant) async throws -> BillingEventOutcome {
        try await database.write { db in
            guard try Inbox.claim(db, messageID: change.eventId, at: now) else { return .redelivered }
            switch change.kind {
            case .feeTerms(let schedule):
                return try Self.replaceFeeTerms(db, change: change, schedule: schedule)
            case let .codes(kind, quantity, addonGroups, issuedAt, orderId, gift):
                var issued: [CodeRecord] = []
                for _ in 0..<quantity {
                    issued.append(try Self.issueCode(
                        db, account: change.accountId, kind: kind, addonGroups: addonGroups, issuedAt: issuedAt,
                        orderId: orderId, gift: gift, eventId: change.eventId))
                }
                return .codesIssued(issued)
            case let .expansionPaid(ticketId, codeId, groups, paidAt):
                let record = ExpansionRecord(
                    ticketId: ticketId, accountId: change.accountId, codeId: codeId, groups: groups, paidAt: paidAt,
                    receivedAt: now, appliedAt: nil, eventId: change.eventId)
                guard try record.insert(db) else { return .expansionAlreadyRecorded }
                let code = try Self.codeRecord(db, id: codeId)
                return .expansionRecorded(record, codeKnown: code?.accountId == change.accountId)
            }
        }
    }

    /// Replaces the account's schedule, unless the one held came from a later event.
    private static func replaceFeeTerms(_ db: Database, change: BillingChange, schedule: FeeSchedule) throws -> BillingEventOutcome {
        if let held = try Int64.fetchOne(
            db, sql: "SELECT occurred_at FROM fee_accounts WHERE account_id = ?", arguments: [change.accountId]),
           held > change.occurredAt.unixMilliseconds {
            return .feeTermsOutdated
        }
        try db.execute(sql: """
            INSERT INTO fee_accounts (account_id, occurred_at, event_id) VALUES (?, ?, ?)
            ON CONFLICT(account_id) DO UPDATE SET occurred_at = excluded.occurred_at, event_id = excluded.event_id
            """, arguments: [change.accountId, change.occurredAt.unixMilliseconds, change.eventId])
        try db.execute(sql: "DELETE FROM fee_terms WHERE account_id = ?", arguments: [change.accountId])
        for term in schedule.terms {
            try db.execute(sql: "INSERT INTO fee_terms (account_id, start_at, end_at) VALUES (?, ?, ?)",
                           arguments: [change.accountId, term.start.unixMilliseconds, term.end.unixMilliseconds])
        }
        return .feeTermsReplaced(terms: schedule.terms.count)
    }

    /// Inserts one fresh code with a new secret (drawn again in the astronomically unlikely
    /// case that it is taken).
    private static func issueCode(
        _ db: Database, account: String, kind: CodeKind, addonGroups: Int, issuedAt: Instant, orderId: String,
        gift: Bool, eventId: String
    ) throws -> CodeRecord {
        for _ in 0..<8 {
            let record = CodeRecord(
                codeId: Identifier.make("code"), accountId: account, secret: CodeSecret.generate().canonical, kind: kind,
                addonGroups: addonGroups, expansionGroups: 0, issuedAt: issuedAt, orderId: orderId, gift: gift,
                eventId: eventId, binding: nil)
            _ = try record.domainCode()
            if try record.insert(db) { return record }
        }
        throw StoredDataError("could not draw an unused code secret in 8 attempts")
    }
}
