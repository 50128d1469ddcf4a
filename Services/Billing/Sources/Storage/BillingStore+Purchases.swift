import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

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
            try Self.insertOrder(
                db, id: orderID, accountID: accountID, intent: .annualFee, request: .annualFee, quote: quote, key: key,
                feeActiveUntil: purchase.schedule.activeUntil(at: now), eventPrefix: "\(orderID)/", at: now)
            let terms = purchase.schedule.terms.map { FeeTermMessage(startMs: $0.start, endMs: $0.end) }
            try Self.enqueue(db, BillingEvent(
                eventId: "\(orderID)/fee-terms", accountId: accountID, occurredAtMs: now,
                feeTermsChanged: FeeTermsChanged(terms: terms)), at: now)
            try Self.enqueue(db, BillingEvent(
                eventId: "\(orderID)/gift-code", accountId: accountID, occurredAtMs: now,
                codesOrdered: CodesOrdered(
                    orderId: orderID, kind: CodeKindMessage(purchase.giftCode.kind), quantity: 1, addonGroupsPerCode: 0,
                    issuedAtMs: purchase.giftCode.issuedAt, gift: true)), at: now)
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
            try Self.insertOrder(
                db, id: orderID, accountID: accountID, intent: intent,
                request: .codes(kind: kind, quantity: quantity, addOnGroupsPerCode: groups), quote: quote, key: key,
                feeActiveUntil: nil, eventPrefix: "\(orderID)/", at: now)
            try Self.enqueue(db, BillingEvent(
                eventId: "\(orderID)/codes", accountId: accountID, occurredAtMs: now,
                codesOrdered: CodesOrdered(
                    orderId: orderID, kind: CodeKindMessage(kind), quantity: UInt32(clamping: quantity),
                    addonGroupsPerCode: UInt32(clamping: groups), issuedAtMs: now, gift: false)), at: now)
            return PurchaseOutcome(order: try Self.order(db, orderID), replayed: false, ticket: nil)
        }
    }

    /// Checks what paying for a ticket needs besides the code's status — the caller's
    /// ticket, approved, the account eligible, the fee active — so that a payment that would
    /// be refused anyway is refused before asking activation about the code.
    func checkExpansionPayable(accountID: String, ticketID: String, at now: Instant) async throws -> TicketRecord {
        try await database.read { db in
            try Self.requireEligible(db, accountID)
            let record = try Self.ticket(db, ticketID, ownedBy: accountID)
            var trial = record.ticket
            try trial.pay(at: now, fee: try Self.feeSchedule(db, accountID), codeStatus: .active)
            return record
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
            var record = try Self.ticket(db, ticketID, ownedBy: accountID)
            let quote = try record.ticket.quote(catalog)
            try record.ticket.pay(at: now, fee: try Self.feeSchedule(db, accountID), codeStatus: codeStatus)
            let orderID = Identifier.make("ord")
            try Self.insertOrder(
                db, id: orderID, accountID: accountID, intent: intent, request: .expansion(groups: record.ticket.groups),
                quote: quote, key: key, feeActiveUntil: nil, eventPrefix: "\(ticketID)/", at: now)
            record.paidAt = now
            record.orderID = orderID
            try Self.saveTicket(db, record)
            try Self.enqueue(db, BillingEvent(
                eventId: "\(ticketID)/paid", accountId: accountID, occurredAtMs: now,
                expansionPaid: ExpansionPaid(
                    ticketId: ticketID, codeId: record.codeID, groups: UInt32(clamping: record.ticket.groups), paidAtMs: now)),
                at: now)
            return PurchaseOutcome(order: try Self.order(db, orderID), replayed: false, ticket: record)
        }
    }

    /// One of the caller's orders; another account's is NOT_FOUND like an unknown id.
    func order(accountID: String, orderID: String) async throws -> OrderRecord {
        try await database.read { db in
            _ = try Self.account(db, accountID)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM purchase_order WHERE order_id = ? AND account_id = ?",
                                             arguments: [orderID, accountID]) else {
                throw DomainError.notFound("no order \(orderID) in this account")
            }
            return try Self.order(db, row)
        }
    }

    /// The caller's orders, newest first.
    func orders(accountID: String, page: PageRequest) async throws -> PageOf<OrderRecord> {
        try await database.read { db in
            _ = try Self.account(db, accountID)
            var sql = "SELECT * FROM purchase_order WHERE account_id = ?"
            var arguments: [any DatabaseValueConvertible] = [accountID]
            if let after = page.after {
                sql += " AND (placed_at, order_id) < (?, ?)"
                arguments += [after.key, after.id]
            }
            sql += " ORDER BY placed_at DESC, order_id DESC LIMIT ?"
            arguments += [page.size + 1]
            let orders = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { try Self.order(db, $0) }
            return PageOf(fetched: orders, size: page.size) {
                PagePosition(key: $0.placedAt.unixMilliseconds, id: $0.id)
            }
        }
    }
}

// MARK: - Inside a purchase's transaction

extension BillingStore {
    /// Only an APPROVED ENTERPRISE account buys (RULES §2).
    static func requireEligible(_ db: Database, _ accountID: String) throws {
        let account = try account(db, accountID)
        try PurchaseEligibility.check(kind: account.kind, application: try latestApplication(db, accountID))
    }

    static func replay(_ db: Database, accountID: String, key: String, intent: PurchaseIntent) throws -> PurchaseOutcome? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM purchase_order WHERE account_id = ? AND idempotency_key = ?",
                                         arguments: [accountID, key]) else { return nil }
        let original = try order(db, row)
        try PurchaseIntent.checkRetry(key: key, original: original, retry: intent)
        let ticket = try original.ticketID.map { try Self.ticket(db, $0, ownedBy: accountID) }
        return PurchaseOutcome(order: original, replayed: true, ticket: ticket)
    }

    static func replaceFeeTerms(_ db: Database, accountID: String, with schedule: FeeSchedule) throws {
        try db.execute(sql: "DELETE FROM fee_term WHERE account_id = ?", arguments: [accountID])
        for term in schedule.terms {
            try db.execute(sql: "INSERT INTO fee_term (account_id, start_at, end_at) VALUES (?, ?, ?)",
                           arguments: [accountID, term.start.unixMilliseconds, term.end.unixMilliseconds])
        }
    }

    static func insertOrder(
        _ db: Database, id: String, accountID: String, intent: PurchaseIntent, request: PurchaseRequest, quote: OrderQuote,
        key: String, feeActiveUntil: Instant?, eventPrefix: String, at now: Instant
    ) throws {
        var codeKind: String?, codeQuantity: Int?, addOnGroups: Int?, ticketID: String?, expansionGroups: Int?
        switch (intent, request) {
        case let (.codes(kind, quantity, groups), _):
            (codeKind, codeQuantity, addOnGroups) = (kind.rawValue, quantity, groups)
        case let (.expansion(ticket), .expansion(groups)):
            (ticketID, expansionGroups) = (ticket, groups)
        default:
            break
        }
        try db.execute(sql: """
            INSERT INTO purchase_order (order_id, account_id, kind, placed_at, total_fen, idempotency_key, code_kind,
                code_quantity, addon_groups_per_code, ticket_id, expansion_groups, fee_active_until, event_prefix)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                id, accountID, intent.kindName, now.unixMilliseconds, quote.total.rawValue, key, codeKind, codeQuantity,
                addOnGroups, ticketID, expansionGroups, feeActiveUntil?.unixMilliseconds, eventPrefix,
            ])
        for (position, line) in quote.lines.enumerated() {
            try db.execute(sql: """
                INSERT INTO order_line (order_id, position, item, quantity, unit_price_fen, total_fen) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, position, line.item.rawValue, line.quantity, line.unitPrice.rawValue, line.total.rawValue])
        }
    }

    static func enqueue(_ db: Database, _ event: BillingEvent, at now: Instant) throws {
        try Outbox.enqueue(db, messageID: event.eventId, partition: event.accountId, method: ActivationMethods.deliverBillingEvent,
                           payload: try event.serializedBytes(), at: now)
    }

    static func order(_ db: Database, _ orderID: String) throws -> OrderRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM purchase_order WHERE order_id = ?", arguments: [orderID]) else {
            throw DomainError.notFound("no order \(orderID)")
        }
        return try order(db, row)
    }

    /// An order row with its lines and fulfilment.
    static func order(_ db: Database, _ row: Row) throws -> OrderRecord {
        let id: String = row["order_id"]
        let kind: String = row["kind"]
        let intent: PurchaseIntent
        let request: PurchaseRequest
        switch kind {
        case "ANNUAL_FEE":
            (intent, request) = (.annualFee, .annualFee)
        case "CODES":
            let codeKind = try StoredValue.decode(CodeKind.self, row["code_kind"] ?? "", column: "purchase_order.code_kind")
            let quantity: Int = row["code_quantity"] ?? 0
            let groups: Int = row["addon_groups_per_code"] ?? 0
            intent = .codes(kind: codeKind, quantity: quantity, addOnGroupsPerCode: groups)
            request = .codes(kind: codeKind, quantity: quantity, addOnGroupsPerCode: groups)
        case "EXPANSION":
            intent = .expansion(ticketID: row["ticket_id"] ?? "")
            request = .expansion(groups: row["expansion_groups"] ?? 0)
        default:
            throw StoredValue.Corrupt(column: "purchase_order.kind", value: kind)
        }
        let lines = try Row.fetchAll(db, sql: "SELECT * FROM order_line WHERE order_id = ? ORDER BY position", arguments: [id]).map { line in
            try OrderLine(
                item: try StoredValue.decode(PurchaseItem.self, line["item"], column: "order_line.item"),
                quantity: line["quantity"], unitPrice: Fen(line["unit_price_fen"]))
        }
        let prefix: String = row["event_prefix"]
        return OrderRecord(
            id: id, accountID: row["account_id"], intent: intent, request: request,
            placedAt: Instant(unixMilliseconds: row["placed_at"]), lines: lines, total: Fen(row["total_fen"]),
            idempotencyKey: row["idempotency_key"], feeActiveUntil: StoredValue.instant(row["fee_active_until"]),
            eventPrefix: prefix, fulfilled: try Outbox.isDelivered(db, messageIDPrefix: prefix))
    }
}
