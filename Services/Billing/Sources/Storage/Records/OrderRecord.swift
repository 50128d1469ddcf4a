import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A row of `orders`: one purchase of the ledger, paid when placed and final. Its lines are
/// `order_lines` rows; (account_id, idempotency_key) is unique.
struct OrderRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "orders"
    /// Exactly the table's columns, from `CodingKeys` (what `\(columnsOf:)` selects).
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    var orderID: String
    var accountID: String
    /// `ANNUAL_FEE`, `CODES` or `EXPANSION`.
    var kind: String
    /// Unix milliseconds.
    var placedAt: Int64
    var totalFen: Int64
    var idempotencyKey: String
    /// CODES: `CodeKind`'s raw value, the quantity and the add-on groups per code.
    var codeKind: String?
    var codeQuantity: Int?
    var addonGroupsPerCode: Int?
    /// EXPANSION: the ticket paid for and its groups.
    var ticketID: String?
    var expansionGroups: Int?
    /// ANNUAL_FEE: the fee's end right after the purchase (Unix milliseconds).
    var feeActiveUntilAt: Int64?
    /// The outbox message-id prefix of the order's messages.
    var eventPrefix: String

    /// The table's columns, for queries too (`OrderRecord.Columns.placedAt`).
    typealias Columns = CodingKeys

    /// The table's columns: the record's coding keys, usable as GRDB column expressions.
    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case orderID = "order_id"
        case accountID = "account_id"
        case kind
        case placedAt = "placed_at"
        case totalFen = "total_fen"
        case idempotencyKey = "idempotency_key"
        case codeKind = "code_kind"
        case codeQuantity = "code_quantity"
        case addonGroupsPerCode = "addon_groups_per_code"
        case ticketID = "ticket_id"
        case expansionGroups = "expansion_groups"
        case feeActiveUntilAt = "fee_active_until_at"
        case eventPrefix = "event_prefix"
    }
}

extension OrderRecord {
    /// The row of `order` (its lines are `OrderLineRecord`s; its fulfilment is the outbox's).
    init(_ order: Order) {
        var codeKind: String?, codeQuantity: Int?, addOnGroups: Int?, ticketID: String?, expansionGroups: Int?
        let kind: String
        switch order.intent {
        case .annualFee:
            kind = "ANNUAL_FEE"
        case let .codes(code, quantity, groups):
            kind = "CODES"
            (codeKind, codeQuantity, addOnGroups) = (code.rawValue, quantity, groups)
        case let .expansion(ticket):
            kind = "EXPANSION"
            ticketID = ticket
            if case .expansion(let groups) = order.request { expansionGroups = groups }
        }
        self.init(
            orderID: order.id, accountID: order.accountID, kind: kind, placedAt: order.placedAt.unixMilliseconds,
            totalFen: order.total.rawValue, idempotencyKey: order.idempotencyKey, codeKind: codeKind,
            codeQuantity: codeQuantity, addonGroupsPerCode: addOnGroups, ticketID: ticketID,
            expansionGroups: expansionGroups, feeActiveUntilAt: order.feeActiveUntil?.unixMilliseconds,
            eventPrefix: order.eventPrefix)
    }

    /// The order the row holds, with its lines (in position order) and its fulfilment.
    func order(lines: [OrderLineRecord], fulfilled: Bool) throws -> Order {
        let intent: PurchaseIntent
        let request: PurchaseRequest
        switch kind {
        case "ANNUAL_FEE":
            (intent, request) = (.annualFee, .annualFee)
        case "CODES":
            let code = try StoredDataError.decode(CodeKind.self, codeKind ?? "", in: "orders.code_kind")
            let (quantity, groups) = (codeQuantity ?? 0, addonGroupsPerCode ?? 0)
            intent = .codes(kind: code, quantity: quantity, addOnGroupsPerCode: groups)
            request = .codes(kind: code, quantity: quantity, addOnGroupsPerCode: groups)
        case "EXPANSION":
            intent = .expansion(ticketID: ticketID ?? "")
            request = .expansion(groups: expansionGroups ?? 0)
        default:
            throw StoredDataError.unexpected(kind, in: "orders.kind")
        }
        return Order(
            id: orderID, accountID: accountID, intent: intent, request: request, placedAt: Instant(unixMilliseconds: placedAt),
            lines: try lines.map { try $0.line() }, total: Fen(totalFen), idempotencyKey: idempotencyKey,
            feeActiveUntil: feeActiveUntilAt.map(Instant.init(unixMilliseconds:)), eventPrefix: eventPrefix,
            fulfilled: fulfilled)
    }
}
