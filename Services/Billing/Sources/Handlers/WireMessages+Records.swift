import HuanjuAPI
import HuanjuDomain

/// The wire form of the store's records.
extension AccountMessage {
    init(_ account: AccountRecord) {
        self.init(accountId: account.id, kind: AccountKindMessage(account.kind), displayName: account.displayName,
                  contact: account.contact, registeredAtMs: account.registeredAt)
    }
}

extension AccountDetails {
    /// The account as seen at `now`: its fee is active or not at `now`.
    init(_ overview: AccountOverview, at now: Instant) {
        let summary = overview.summary
        self.init(
            account: AccountMessage(overview.account),
            application: overview.application.map(ApplicationMessage.init),
            fee: FeeStatusMessage(overview.fee, at: now),
            orders: OrdersSummaryMessage(
                orderCount: UInt32(clamping: summary.orderCount), totalSpentFen: summary.totalSpent.rawValue,
                pendingFulfilment: UInt32(clamping: summary.pendingFulfilment),
                lastOrderAtMs: summary.lastOrderAt ?? .unset),
            asOfMs: now)
    }
}

extension OrderMessage {
    init(_ order: OrderRecord) {
        let kind: OrderKindMessage
        var codeKind = BillingCodeKind.unspecified
        var quantity = 0, groups = 0
        switch order.intent {
        case .annualFee:
            kind = .annualFee
        case let .codes(code, count, addOns):
            kind = .codes
            (codeKind, quantity, groups) = (BillingCodeKind(code), count, addOns)
        case .expansion:
            kind = .expansion
        }
        self.init(
            orderId: order.id, accountId: order.accountID, kind: kind, placedAtMs: order.placedAt,
            lines: order.lines.map {
                OrderLineMessage(item: LineItemMessage($0.item), quantity: UInt32(clamping: $0.quantity),
                                 unitPriceFen: $0.unitPrice.rawValue, totalFen: $0.total.rawValue)
            },
            totalFen: order.total.rawValue, fulfilment: order.fulfilled ? .fulfilled : .pending,
            idempotencyKey: order.idempotencyKey, codeKind: codeKind, codeQuantity: UInt32(clamping: quantity),
            addonGroupsPerCode: UInt32(clamping: groups), ticketId: order.ticketID ?? "",
            feeActiveUntilMs: order.feeActiveUntil ?? .unset)
    }
}

extension ExpansionTicketMessage {
    /// The ticket, priced at `catalog`.
    init(_ record: TicketRecord, catalog: Catalog) {
        let price = (try? record.ticket.quote(catalog).total) ?? .zero
        self.init(
            ticketId: record.id, accountId: record.accountID, codeId: record.codeID,
            groups: UInt32(clamping: record.ticket.groups), addedViewers: UInt32(clamping: record.ticket.addedViewers),
            state: TicketStateMessage(record.ticket.state), rejectionReason: record.rejectionReason ?? "",
            priceFen: price.rawValue, openedAtMs: record.ticket.openedAt, decidedAtMs: record.decidedAt ?? .unset,
            paidAtMs: record.paidAt ?? .unset, appliedAtMs: record.appliedAt ?? .unset, orderId: record.orderID ?? "")
    }
}

extension PurchaseResponse {
    init(_ outcome: PurchaseOutcome, catalog: Catalog) {
        self.init(order: OrderMessage(outcome.order), replayed: outcome.replayed,
                  ticket: outcome.ticket.map { ExpansionTicketMessage($0, catalog: catalog) })
    }
}

extension BillingOutboxStatus {
    init(_ report: OutboxReport) {
        func message(_ entry: OutboxReport.Entry) -> BillingOutboxMessage {
            BillingOutboxMessage(
                sequence: entry.sequence, messageId: entry.messageID, method: entry.method, createdAtMs: entry.createdAt,
                attempts: UInt32(clamping: entry.attempts), lastError: entry.lastError ?? "",
                deliveredAtMs: entry.deliveredAt ?? .unset)
        }
        self.init(
            backlog: UInt32(clamping: report.backlog), delivered: UInt64(clamping: report.delivered),
            oldestUndeliveredAtMs: report.waiting.first?.createdAt ?? .unset,
            lastError: report.waiting.first?.lastError ?? "",
            waiting: report.waiting.map(message), recent: report.recent.map(message))
    }
}

extension Instant {
    /// Zero on the wire: "not set".
    static let unset = Instant(unixMilliseconds: 0)
}
