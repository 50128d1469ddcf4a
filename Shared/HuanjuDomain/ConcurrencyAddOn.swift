/// The concurrency add-on (并发数追加): sold only in groups of 100 viewers (RULES §3).
public enum ConcurrencyAddOn {
    /// Viewers per group.
    public static let viewersPerGroup = 100

    /// Converts extra viewers wanted into groups: 200 → 2, 0 → 0.
    ///
    /// - Throws: `invalidArgument` for a count that is negative, not a multiple of 100
    ///   (150 is refused: the nearest sellable amounts are named), or above the per-code bound.
    public static func groups(forViewers viewers: Int) throws(DomainError) -> Int {
        guard viewers >= 0 else {
            throw .invalidArgument("extra viewers must not be negative (got \(viewers))")
        }
        guard viewers % viewersPerGroup == 0 else {
            let lower = viewers / viewersPerGroup * viewersPerGroup
            throw .invalidArgument(
                "extra viewers are sold only in groups of \(viewersPerGroup): \(viewers.grouped) is not a multiple "
                    + "of \(viewersPerGroup); ask for \(lower.grouped) or \((lower + viewersPerGroup).grouped)")
        }
        let groups = viewers / viewersPerGroup
        try checkGroups(groups, max: OrderLimits.maxAddOnGroupsPerCode, what: "add-on groups per code")
        return groups
    }

    /// Checks a group count against `0…max` (or `1…max` when `atLeastOne`).
    static func checkGroups(_ groups: Int, atLeastOne: Bool = false, max: Int, what: String) throws(DomainError) {
        let min = atLeastOne ? 1 : 0
        guard groups >= min, groups <= max else {
            throw .invalidArgument(
                "\(what) must be between \(min) and \(max.grouped) (groups of \(viewersPerGroup) viewers); got \(groups.grouped)")
        }
    }
}
