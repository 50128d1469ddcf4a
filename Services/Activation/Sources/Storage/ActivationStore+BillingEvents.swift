import GRDB
import HuanjuAPI
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
    /// A fact for the account's feed was recorded.
    case noticeRecorded

    /// Whether the event changed anything now (the ack's `applied_now`).
    var appliedNow: Bool { self != .redelivered }
}

extension ActivationStore {
    /// Applies a billing event exactly once: its id is claimed in the inbox in the same
    /// transaction that applies it; a redelivery changes nothing.
    func apply(_ change: BillingChange, receivedAt now: Instant) async throws -> BillingEventOutcome {
        try await database.write { db in
            guard try Inbox.claim(db, messageID: change.eventID, at: now) else { return .redelivered }
            // The feed: what the clock made due before the fact, the fact, then what it changes.
            try Self.recordClockEvents(db, through: change.occurredAt - .milliseconds(1), at: now)
            let outcome = try Self.applyChange(db, change, at: now)
            try Self.recordClockEvents(db, ofAccount: change.accountID, since: change.occurredAt, at: now)
            return outcome
        }
    }

    private static func applyChange(_ db: Database, _ change: BillingChange, at now: Instant) throws -> BillingEventOutcome {
        switch change.kind {
        case .feeTerms(let schedule):
            return try replaceFeeTerms(db, change: change, schedule: schedule, at: now)
        case .codes(let order):
            var issued: [CodeRecord] = []
            for _ in 0..<order.quantity {
                let code = try issueCode(db, order, account: change.accountID, eventID: change.eventID)
                try record(db, FeedFacts.codeIssued(
                    codeID: code.codeID, accountID: code.accountID, masked: try code.codeSecret().masked,
                    code: try code.domainCode(), orderID: code.orderID, gift: code.gift), at: now)
                issued.append(code)
            }
            return .codesIssued(issued)
        case .expansionPaid(let paid):
            let expansion = ExpansionRecord(
                ticketID: paid.ticketID, accountID: change.accountID, codeID: paid.codeID, groups: paid.groups,
                paidAt: paid.paidAt, receivedAt: now, appliedAt: nil, eventID: change.eventID)
            try expansion.insert(db, onConflict: .ignore)
            guard db.changesCount == 1 else { return .expansionAlreadyRecorded }
            let masked = try maskedCode(db, id: paid.codeID, ofAccount: change.accountID)
            try record(db, FeedFacts.expansionPaid(
                ticketID: paid.ticketID, accountID: change.accountID, codeID: paid.codeID, masked: masked,
                groups: paid.groups, paidAt: paid.paidAt), at: now)
            return .expansionRecorded(expansion, codeKnown: masked != nil)
        case .notice(let notice):
            let masked: String?
            switch notice {
            case .applicationDecided: masked = nil
            case .ticketOpened(_, let codeID, _), .ticketDecided(_, let codeID, _, _, _):
                masked = try maskedCode(db, id: codeID, ofAccount: change.accountID)
            }
            try record(db, FeedFacts.notice(notice, eventID: change.eventID, accountID: change.accountID,
                                            at: change.occurredAt, codeMasked: masked), at: now)
            return .noticeRecorded
        }
    }

    /// Replaces the account's schedule, unless the one held came from a later event, and tells
    /// room-session (through the outbox, in the same transaction) so that the account's live
    /// broadcasts' ends follow it.
    private static func replaceFeeTerms(
        _ db: Database, change: BillingChange, schedule: FeeSchedule, at now: Instant
    ) throws -> BillingEventOutcome {
        if let held = try FeeAccountRecord.fetchOne(db, key: change.accountID), held.occurredAt > change.occurredAt {
            return .feeTermsOutdated
        }
        let held = try feeSchedule(db, account: change.accountID)
        try FeeAccountRecord(accountID: change.accountID, occurredAt: change.occurredAt, eventID: change.eventID).save(db)
        try FeeTermRecord.filter(FeeTermRecord.Columns.accountID == change.accountID).deleteAll(db)
        for term in schedule.terms {
            try FeeTermRecord(account: change.accountID, term: term).insert(db)
        }
        if let fact = FeedFacts.feeChanged(
            accountID: change.accountID, eventID: change.eventID, at: change.occurredAt, old: held, new: schedule) {
            try record(db, fact, at: now)
        }
        let event = SessionV1.AccountEvent(
            eventID: "\(change.eventID)/room-session", accountID: change.accountID,
            change: .feeTermsUpdated(SessionV1.FeeTermsUpdated()))
        try Outbox.enqueue(
            db, messageID: event.eventID, partition: change.accountID, destination: OutboxDestination.roomSession,
            method: SessionV1.RoomSessionService.Method.deliverAccountEvent.name, payload: event.serializedBytes(), at: now)
        return .feeTermsReplaced(terms: schedule.terms.count)
    }

    /// Inserts one fresh code of `order` with a new secret (drawn again in the astronomically
    /// unlikely case that it is taken).
    private static func issueCode(_ db: Database, _ order: BillingChange.CodeOrder, account: String, eventID: String) throws -> CodeRecord {
        for _ in 0..<8 {
            let record = CodeRecord(
                codeID: Identifier.make("code"), accountID: account, secret: CodeSecret.generate().canonical,
                kind: order.kind, addonGroups: order.addonGroups, issuedAt: order.issuedAt, orderID: order.orderID,
                gift: order.gift, eventID: eventID)
            _ = try record.domainCode()
            try record.insert(db, onConflict: .ignore)
            if db.changesCount == 1 { return record }
        }
        throw StoredDataError("could not draw an unused code secret in 8 attempts")
    }
}
