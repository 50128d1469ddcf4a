/// One line of an order: an item, how many, the unit price at the time, and the line total.
public struct OrderLine: Sendable, Hashable, Codable {
    /// What is sold.
    public let item: PurchaseItem
    /// How many units (codes, or groups of 100 viewers).
    public let quantity: Int
    /// The price of one unit when the order was placed.
    public let unitPrice: Fen
    /// `quantity × unitPrice`.
    public let total: Fen

    /// A line whose total is computed, overflow-checked.
    ///
    /// - Throws: `invalidArgument` for a negative quantity or price; `outOfRange` on overflow.
    public init(item: PurchaseItem, quantity: Int, unitPrice: Fen) throws(DomainError) {
        guard quantity >= 0, unitPrice >= .zero else {
            throw .invalidArgument("an order line needs a quantity and unit price of at least zero")
        }
        self.item = item
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.total = try unitPrice.multiplied(by: quantity)
    }
}
