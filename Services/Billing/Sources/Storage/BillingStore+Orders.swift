import GRDB
import HuanjuDomain
import HuanjuRuntime

/// Reading orders: the caller's one order, a page of them, each with its lines and its
/// fulfilment fetched in the same statement.
extension BillingStore {
    /// One of the caller's orders; another account's is NOT_FOUND like an unknown id.
    func order(accountID: String, orderID: String) async throws -> Order {
        try await database.read { db in
            _ = try Self.account(db, accountID)
            guard let order = try Self.orders(db, where: "account_id = \(accountID) AND order_id = \(orderID)").first else {
                throw DomainError.notFound("no order \(orderID) in this account")
            }
            return order
        }
    }

    /// The caller's orders, newest first: with the account check, one statement for the page
    /// (orders, lines and fulfilment together) and, past the first page, one for the token.
    ///
    /// - Throws: `invalidArgument` for a page token naming none of the caller's orders.
    func orders(accountID: String, page: PageRequest) async throws -> PageOf<Order> {
        try await database.read { db in
            _ = try Self.account(db, accountID)
            typealias Columns = OrderRecord.Columns
            var condition: SQL = "account_id = \(accountID)"
            if let after = page.after {
                try Self.checkToken(page, names: OrderRecord.filter(
                    Columns.accountID == accountID && Columns.orderID == after.id && Columns.placedAt == after.key), db)
                condition += " AND (placed_at, order_id) < (\(after.key), \(after.id))"
            }
            let orders = try Self.orders(db, where: condition, limit: page.size + 1)
            return PageOf(fetched: orders, size: page.size) {
                PagePosition(key: $0.placedAt.unixMilliseconds, id: $0.id)
            }
        }
    }
}

// MARK: - Inside a transaction

extension BillingStore {
    /// The orders matching `condition` (on `orders`' columns), newest first, at most `limit`,
    /// each with its lines and whether all its messages were delivered: ONE statement, the
    /// page of orders joined with their lines (one row per line), grouped back here.
    static func orders(_ db: Database, where condition: SQL, limit: Int = 1) throws -> [Order] {
        let adapters = splittingRowAdapters(columnCounts: [
            OrderRecord.Columns.allCases.count, 1, OrderLineRecord.Columns.allCases.count,
        ])
        let request = SQLRequest<Row>(literal: """
            SELECT \(columnsOf: OrderRecord.self, tableAlias: "o"),
                   NOT EXISTS (SELECT 1 FROM outbox WHERE delivered_at IS NULL
                               AND substr(message_id, 1, length(o.event_prefix)) = o.event_prefix) AS fulfilled,
                   \(columnsOf: OrderLineRecord.self, tableAlias: "l")
            FROM (SELECT * FROM orders WHERE \(condition) ORDER BY placed_at DESC, order_id DESC LIMIT \(limit)) AS o
            LEFT JOIN order_lines AS l ON l.order_id = o.order_id
            ORDER BY o.placed_at DESC, o.order_id DESC, l.position
            """, adapter: ScopeAdapter(["order": adapters[0], "fulfilled": adapters[1], "line": adapters[2]]))
        var grouped: [(order: OrderRecord, fulfilled: Bool, lines: [OrderLineRecord])] = []
        for row in try Row.fetchAll(db, request) {
            guard let orderRow = row.scopes["order"], let fulfilled = row.scopes["fulfilled"], let lineRow = row.scopes["line"] else {
                throw StoredDataError("an order row came without its scopes")
            }
            let order = try OrderRecord(row: orderRow)
            if grouped.last?.order.orderID != order.orderID {
                grouped.append((order, fulfilled[0] as Bool, []))
            }
            if !lineRow.containsNonNullValue { continue }   // an order without lines (none is written so)
            grouped[grouped.count - 1].lines.append(try OrderLineRecord(row: lineRow))
        }
        return try grouped.map { try $0.order.order(lines: $0.lines, fulfilled: $0.fulfilled) }
    }

    /// The order `orderID` of any account.
    static func order(_ db: Database, _ orderID: String) throws -> Order {
        guard let order = try orders(db, where: "order_id = \(orderID)").first else {
            throw StoredDataError("order \(orderID) vanished inside the transaction that wrote it")
        }
        return order
    }
}
