import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A row of `order_lines`: one priced line of an order, at its position.
struct OrderLineRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "order_lines"
    /// Exactly the table's columns, from `CodingKeys` (what `\(columnsOf:)` selects).
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    var orderID: String
    /// 0, 1, … in the order's line order.
    var position: Int
    /// `PurchaseItem`'s raw value.
    var item: String
    var quantity: Int
    var unitPriceFen: Int64
    var totalFen: Int64

    /// The table's columns, for queries too (`OrderRecord.Columns.placedAt`).
    typealias Columns = CodingKeys

    /// The table's columns: the record's coding keys, usable as GRDB column expressions.
    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case orderID = "order_id"
        case position
        case item
        case quantity
        case unitPriceFen = "unit_price_fen"
        case totalFen = "total_fen"
    }
}

extension OrderLineRecord {
    /// The row of `line`, the `position`-th of order `orderID`.
    init(_ line: OrderLine, orderID: String, position: Int) {
        self.init(orderID: orderID, position: position, item: line.item.rawValue, quantity: line.quantity,
                  unitPriceFen: line.unitPrice.rawValue, totalFen: line.total.rawValue)
    }

    /// The line the row holds (its total recomputed from quantity and unit price).
    func line() throws -> OrderLine {
        let item = try StoredDataError.decode(PurchaseItem.self, item, in: "order_lines.item")
        do {
            return try OrderLine(item: item, quantity: quantity, unitPrice: Fen(unitPriceFen))
        } catch {
            throw StoredDataError("order_lines holds line \(position) of order \(orderID) that is not one: \(error)")
        }
    }
}
