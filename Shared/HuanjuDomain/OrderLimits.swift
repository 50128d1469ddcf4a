/// Upper bounds on one order, so that no request can overflow a price or a capacity.
///
/// RULES.md sets no limits; these are the vendor's sanity bounds, far above real orders.
public enum OrderLimits {
    /// Codes in one order: 1…100.
    public static let maxCodesPerOrder = 100
    /// Add-on groups bought with each code: 0…10,000 (up to 1,000,000 extra viewers).
    public static let maxAddOnGroupsPerCode = 10_000
    /// Groups in one expansion ticket: 1…10,000.
    public static let maxExpansionGroups = 10_000
    /// Expansion groups a code may accumulate over its life: 1,000,000.
    public static let maxExpansionGroupsPerCode = 1_000_000
}
