/// The priced lines of one purchase and their total, in fen (RULES §3).
public struct OrderQuote: Sendable, Hashable, Codable {
    /// The lines, in display order.
    public let lines: [OrderLine]
    /// The sum of the line totals: what is charged.
    public let total: Fen

    /// A quote over `lines`, summed with overflow checks.
    public init(lines: [OrderLine]) throws(DomainError) {
        var total = Fen.zero
        for line in lines { total = try total.adding(line.total) }
        self.lines = lines
        self.total = total
    }

    /// The annual fee: its line, and a line for the gift Flagship code at 0 fen.
    public static func annualFee(catalog: Catalog = .list) throws(DomainError) -> OrderQuote {
        try OrderQuote(lines: [
            OrderLine(item: .annualFee, quantity: 1, unitPrice: catalog.annualFee),
            OrderLine(item: .giftFlagshipCode, quantity: 1, unitPrice: .zero),
        ])
    }

    /// `quantity` codes of `kind`, each with `addOnGroupsPerCode` groups: a code line
    /// (quantity × code price) and, when groups > 0, an add-on line (quantity × groups × group price).
    ///
    /// - Throws: `invalidArgument` for a quantity outside 1…100 or groups outside 0…10,000.
    public static func codes(
        kind: CodeKind, quantity: Int, addOnGroupsPerCode groups: Int, catalog: Catalog = .list
    ) throws(DomainError) -> OrderQuote {
        guard quantity >= 1, quantity <= OrderLimits.maxCodesPerOrder else {
            throw .invalidArgument(
                "an order buys between 1 and \(OrderLimits.maxCodesPerOrder) codes; got \(quantity.grouped)")
        }
        try ConcurrencyAddOn.checkGroups(groups, max: OrderLimits.maxAddOnGroupsPerCode, what: "add-on groups per code")
        var lines = [try OrderLine(item: .code(kind), quantity: quantity, unitPrice: catalog.price(of: kind))]
        if groups > 0 {
            lines.append(try OrderLine(item: .concurrencyAddOn, quantity: quantity * groups, unitPrice: catalog.addOnGroup))
        }
        return try OrderQuote(lines: lines)
    }

    /// An expansion of `groups` groups of 100 viewers: groups × group price.
    ///
    /// - Throws: `invalidArgument` for groups outside 1…10,000.
    public static func expansion(groups: Int, catalog: Catalog = .list) throws(DomainError) -> OrderQuote {
        try ConcurrencyAddOn.checkGroups(
            groups, atLeastOne: true, max: OrderLimits.maxExpansionGroups, what: "expansion groups")
        return try OrderQuote(lines: [OrderLine(item: .expansion, quantity: groups, unitPrice: catalog.addOnGroup)])
    }
}
