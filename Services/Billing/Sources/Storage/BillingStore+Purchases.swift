import GRDB
import HuanjuDomain
import HuanjuRuntime

/// Purchases (RULES §3–§6): each one transaction that checks the idempotency key, the rules,
/// writes the order with its priced lines, and queues the messages activation must receive.
/// If anything fails, nothing is written: no order, no charge, no message.
extension BillingStore {
    /// The order an earlier purchase with this key made, if any (a retry is answered without
    /// asking anyone else).
    ///
    /// - Throws: `failedPrecondition` when the key was used for a different purchase.
    func replayedPurchase(accountID: String, key: String, intent: PurchaseIntent) async throws -> PurchaseOutcome? {
        try await database.read { db in try Self.replay(db, accountID: accountID, key: key, intent: intent) }
    }

    /// Buys (or renews) the annual fee at `now` (RULES §4): the fee terms move, a new order of
    /// the fee and its gift Flagship code, and two messages: the full fee schedule and the
    /// gift code to issue (issued at `now`, so its binding window starts now).
    func purchaseAnnualFee(accountID: String, key: String, at now: Instant) async throws -> PurchaseOutcome {
        let quote = try OrderQuote.annualFee(catalog: catalog)
        return try await database.write { db in
            if let replay = try Self.replay(db, accountID: accountID, key: key, intent: .annualFee) { return replay }
            try Self.requireEligible(db, accountID)
            let purchase = try Self.feeSchedule(db, accountID).applyingPurchase(at: now)
            try Self.replaceFeeTerms(db, accountID: accountID, with: purchase.schedule)
            let orderID = Identifier.make("ord")
            try Self.insertOrder(db, Order(
                id: orderID, accountID: accountID, intent: .annualFee, request: .annualFee, placedAt: now, lines: quote.lines,
                total: quote.total, idempotencyKey: key, feeActiveUntil: purchase.schedule.activeUntil(at: now),
                eventPrefix: "\(orderID)/", fulfilled: false))
            try Self.enqueue(db, BillingChange(
                eventID: "\(orderID)/fee-terms", accountID: accountID, occurredAt: now, kind: .feeTermsChanged(purchase.schedule)))
            try Self.enqueue(db, BillingChange(
                eventID: "\(orderID)/gift-code", accountID: accountID, occurredAt: now, kind: .codesOrdered(
                    orderID: orderID, kind: purchase.giftCode.kind, quantity: 1, addOnGroupsPerCode: 0,
                    issuedAt: purchase.giftCode.issuedAt, gift: true)))
            return PurchaseOutcome(order: try Self.order(db, orderID), replayed: false, ticket: nil)
        }
    }

    /// Buys `quantity` codes of `kind`, each with `addOnGroupsPerCode` add-on groups, at `now`
    /// (RULES §5: only while the annual fee is active), and queues the codes to issue.
    func purchaseCodes(
        accountID: String, key: String, kind: CodeKind, quantity: Int, addOnGroupsPerCode groups: Int, at now: Instant
    ) async throws -> PurchaseOutcome {
        let quote = try OrderQuote.codes(kind: kind, quantity: quantity, addOnGroupsPerCode: groups, catalog: catalog)
        let intent = PurchaseIntent.codes(kind: kind, quantity: quantity, addOnGroupsPerCode: groups)
        return try await database.write { db in
            if let replay = try Self.replay(db, accountID: accountID, key: key, intent: intent) { return replay }
            try Self.requireEligible(db, accountID)
            try PurchaseEligibility.requireActiveFee(try Self.feeSchedule(db, accountID), at: now, toDo: "buy activation codes")
            let orderID = Identifier.make("ord")
            try Self.insertOrder(db, Order(
                id: orderID, accountID: accountID, intent: intent,
                request: .codes(kind: kind, quantity: quantity, addOnGroupsPerCode: groups), placedAt: now, lines: quote.lines,
                total: quote.total, idempotencyKey: key, feeActiveUntil: nil, eventPrefix: "\(orderID)/", fulfilled: false))
            try Self.enqueue(db, BillingChange(
                eventID: "\(orderID)/codes", accountID: accountID, occurredAt: now, kind: .codesOrdered(
                    orderID: orderID, kind: kind, quantity: quantity, addOnGroupsPerCode: groups, issuedAt: now, gift: false)))
            return PurchaseOutcome(order: try Self.order(db, orderID), replayed: false, ticket: nil)
        }
    }

    /// Checks what paying for a ticket needs besides the code's status — the caller's
    /// ticket, approved, the account eligible, the fee active — so that a payment that would
    /// be refused anyway is refused before asking activation about the code.
    func checkExpansionPayable(accountID: String, ticketID: String, at now: Instant) async throws -> Ticket {
        try await database.read { db in
            try Self.requireEligible(db, accountID)
            let ticket = try Self.ticket(db, ticketID, ownedBy: accountID)
            var trial = ticket.ticket
            try trial.pay(at: now, fee: try Self.feeSchedule(db, accountID), codeStatus: .active)
            return ticket
        }
    }

    /// Pays for an approved expansion ticket at `now` (RULES §6.3): needs the fee active and
    /// the code (whose status activation reported as `codeStatus`) not LAPSED or EXPIRED.
    /// The ticket becomes PAID and activation is told.
    func payExpansion(accountID: String, key: String, ticketID: String, codeStatus: CodeStatus, at now: Instant) async throws -> PurchaseOutcome {
        let intent = PurchaseIntent.expansion(ticketID: ticketID)
        return try await database.write { db in
            if let replay = try Self.replay(db, accountID: accountID, key: key, intent: intent) { return replay }
            try Self.requireEligible(db, accountID)
            var ticket = try Self.ticket(db, ticketID, ownedBy: accountID)
            let quote = try ticket.ticket.quote(catalog)
            try ticket.ticket.pay(at: now, fee: try Self.feeSchedule(db, accountID), codeStatus: codeStatus)
            let orderID = Identifier.make("ord")
            try Self.insertOrder(db, Order(
                id: orderID, accountID: accountID, intent: intent, request: .expansion(groups: ticket.ticket.groups),
                placedAt: now, lines: quote.lines, total: quote.total, idempotencyKey: key, feeActiveUntil: nil,
                eventPrefix: "\(ticketID)/", fulfilled: false))
            ticket.paidAt = now
            ticket.orderID = orderID
            try ExpansionTicketRecord(ticket).update(db)
            try Self.enqueue(db, BillingChange(
                eventID: "\(ticketID)/paid", accountID: accountID, occurredAt: now, kind: .expansionPaid(
                    ticketID: ticketID, codeID: ticket.codeID, groups: ticket.ticket.groups, paidAt: now)))
            return PurchaseOutcome(order: try Self.order(db, orderID), replayed: false, ticket: ticket)
        }
    }
}

// MARK: - Inside a purchase's transaction

extension BillingStore {
    /// Only an APPROVED ENTERPRISE account buys (RULES §2).
    static func requireEligible(_ db: Database, _ accountID: String) throws {
        let account = try account(db, accountID)
        try PurchaseEligibility.check(kind: account.kind, application: try latestApplication(db, accountID)?.application())
    }

    /// The original purchase when `key` was used before by the account (checked to be the
    /// same purchase: `PurchaseIntent.checkRetry`), with an expansion payment's ticket.
    static func replay(_ db: Database, accountID: String, key: String, intent: PurchaseIntent) throws -> PurchaseOutcome? {
        guard let original = try orders(db, where: "account_id = \(accountID) AND idempotency_key = \(key)").first else {
            return nil
        }
        try PurchaseIntent.checkRetry(key: key, original: original, retry: intent)
        let ticket = try original.ticketID.map { try Self.ticket(db, $0, ownedBy: accountID) }
        return PurchaseOutcome(order: original, replayed: true, ticket: ticket)
    }

    /// Replaces the account's fee terms with `schedule`'s.
    static func replaceFeeTerms(_ db: Database, accountID: String, with schedule: FeeSchedule) throws {
        try FeeTermRecord.filter(FeeTermRecord.Columns.accountID == accountID).deleteAll(db)
        for term in schedule.terms {
            try FeeTermRecord(term, accountID: accountID).insert(db)
        }
    }

    /// Writes a new order and its lines.
    static func insertOrder(_ db: Database, _ order: Order) throws {
        try OrderRecord(order).insert(db)
        for (position, line) in order.lines.enumerated() {
            try OrderLineRecord(line, orderID: order.id, position: position).insert(db)
        }
    }
}
