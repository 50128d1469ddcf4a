import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Orders on the wire: `BillingV1.Order` with its lines, the code kind (requests and
/// answers), line items, and `BillingV1.PurchaseResponse`.
extension BillingV1.Order {
    /// The order with its lines; its fulfilment FULFILLED once activation acknowledged all its messages.
    init(_ order: Order) {
        var kind = BillingV1.OrderKind.unspecified
        var codeKind = BillingV1.CodeKind.unspecified
        var quantity = 0, groups = 0
        switch order.intent {
        case .annualFee:
            kind = .annualFee
        case let .codes(code, count, addOns):
            kind = .codes
            (codeKind, quantity, groups) = (BillingV1.CodeKind(code), count, addOns)
        case .expansion:
            kind = .expansion
        }
        self.init(
            orderID: order.id, accountID: order.accountID, kind: kind, placedAtMs: order.placedAt.unixMilliseconds,
            lines: order.lines.map(BillingV1.OrderLine.init), totalFen: order.total.rawValue,
            fulfilment: order.fulfilled ? .fulfilled : .pending, idempotencyKey: order.idempotencyKey, codeKind: codeKind,
            codeQuantity: UInt32(clamping: quantity), addonGroupsPerCode: UInt32(clamping: groups),
            ticketID: order.ticketID ?? "", feeActiveUntilMs: order.feeActiveUntil?.unixMilliseconds ?? 0)
    }
}

extension BillingV1.OrderLine {
    /// One priced line.
    init(_ line: OrderLine) {
        self.init(item: BillingV1.LineItem(line.item), quantity: UInt32(clamping: line.quantity),
                  unitPriceFen: line.unitPrice.rawValue, totalFen: line.total.rawValue)
    }
}

extension BillingV1.LineItem {
    /// The wire item of a domain item.
    init(_ item: PurchaseItem) {
        switch item {
        case .annualFee: self = .annualFee
        case .giftFlagshipCode: self = .giftFlagshipCode
        case .flagshipCode: self = .flagshipCode
        case .standardCode: self = .standardCode
        case .concurrencyAddOn: self = .concurrencyAddOn
        case .expansion: self = .expansion
        }
    }
}

extension BillingV1.CodeKind {
    /// Billing's number for a code kind.
    init(_ kind: CodeKind) {
        switch kind {
        case .flagship: self = .flagship
        case .standard: self = .standard
        }
    }

    /// The domain kind a request's `field` asks for.
    ///
    /// - Throws: INVALID_ARGUMENT naming the number for one this build does not know
    ///   ("unknown code kind 9 in field kind"), or saying the kind is required for UNSPECIFIED.
    func domainKind(field: String) throws -> CodeKind {
        switch try recognized(field: field) {
        case .flagship: return .flagship
        case .standard: return .standard
        case .unspecified, .unrecognized:
            throw RPCError(.invalidArgument, "\(field) is required: CODE_KIND_FLAGSHIP or CODE_KIND_STANDARD")
        }
    }
}

extension BillingV1.PurchaseResponse {
    /// The purchase's order (and an expansion payment's ticket, priced at `catalog`).
    init(_ outcome: PurchaseOutcome, catalog: Catalog) {
        self.init(order: BillingV1.Order(outcome.order), replayed: outcome.replayed,
                  ticket: outcome.ticket.map { BillingV1.ExpansionTicket($0, catalog: catalog) })
    }
}
