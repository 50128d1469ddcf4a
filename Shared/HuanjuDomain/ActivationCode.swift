/// An activation code (高级权限激活码) as the rules see it (RULES §5, §6).
///
/// The secret text that names a code (`CodeSecret`) is kept by the store, not here.
/// A code is issued unbound; it must be bound before `bindDeadline` (two months after issue)
/// or it lapses for good; once bound it is valid until `validityEnd` (one year minus one day
/// after binding) and can never be renewed or extended. It is usable while bound, still valid
/// and the account's annual fee is active.
public struct ActivationCode: Sendable, Hashable, Codable {
    /// Months after issue within which a code must be bound.
    public static let bindWindowMonths = 2

    /// Flagship or Standard.
    public let kind: CodeKind
    /// When the code was issued (bought, or given with the annual fee).
    public let issuedAt: Instant
    /// Add-on groups of 100 viewers bought with the code.
    public let addOnGroups: Int
    /// Groups of 100 viewers added later by applied expansions.
    public private(set) var expansionGroups: Int
    /// The device and WeChat id the code is bound to; nil while unbound.
    public internal(set) var binding: CodeBinding?

    /// Issues or restores a code.
    ///
    /// - Throws: `invalidArgument` for group counts outside `OrderLimits`.
    public init(
        kind: CodeKind, issuedAt: Instant, addOnGroups: Int = 0, expansionGroups: Int = 0, binding: CodeBinding? = nil
    ) throws(DomainError) {
        try ConcurrencyAddOn.checkGroups(addOnGroups, max: OrderLimits.maxAddOnGroupsPerCode, what: "add-on groups per code")
        try ConcurrencyAddOn.checkGroups(
            expansionGroups, max: OrderLimits.maxExpansionGroupsPerCode, what: "expansion groups on a code")
        self.kind = kind
        self.issuedAt = issuedAt
        self.addOnGroups = addOnGroups
        self.expansionGroups = expansionGroups
        self.binding = binding
    }

    /// A fresh unbound code without add-ons.
    init(issuing kind: CodeKind, at issuedAt: Instant) {
        self.kind = kind
        self.issuedAt = issuedAt
        self.addOnGroups = 0
        self.expansionGroups = 0
        self.binding = nil
    }

    /// Concurrent viewers a room started with this code admits:
    /// base viewers + 100 × (add-on groups + expansion groups).
    public var capacity: Int {
        kind.baseViewers + ConcurrencyAddOn.viewersPerGroup * (addOnGroups + expansionGroups)
    }

    /// The code must be bound strictly before this instant: `addMonths(issuedAt, 2)`.
    public var bindDeadline: Instant { Self.bindDeadline(issuedAt: issuedAt) }

    /// When a bound code stops being valid (exclusive): `addYears(boundAt, 1) − 1 day`; nil while unbound.
    public var validityEnd: Instant? { binding.map { Self.validityEnd(boundAt: $0.boundAt) } }

    /// The bind deadline of a code issued at `issuedAt`: `addMonths(issuedAt, 2)`.
    public static func bindDeadline(issuedAt: Instant) -> Instant {
        ChinaTime.addMonths(bindWindowMonths, to: issuedAt)
    }

    /// The validity end of a code bound at `boundAt`: `addYears(boundAt, 1) − 1 day`.
    public static func validityEnd(boundAt: Instant) -> Instant {
        ChinaTime.minusOneDay(ChinaTime.addYears(1, to: boundAt))
    }

    /// The code's status at `instant`, given the account's annual-fee terms.
    ///
    /// A binding made after `instant` is ignored, so the answer is the status as it was then.
    public func status(at instant: Instant, fee: FeeSchedule) -> CodeStatus {
        guard let binding, binding.boundAt <= instant, let validityEnd else {
            return instant < bindDeadline ? .unbound : .lapsed
        }
        if instant >= validityEnd { return .expired }
        return fee.isActive(at: instant) ? .active : .suspended
    }

    /// Whether the code is usable at `instant`: bound, still valid, and the fee active.
    public func isUsable(at instant: Instant, fee: FeeSchedule) -> Bool {
        status(at: instant, fee: fee) == .active
    }

    /// The same code with `groups` expansion groups instead (its history: the groups applied
    /// by an earlier instant). Callers pass at most `expansionGroups`, so limits still hold.
    func withExpansionGroups(_ groups: Int) -> ActivationCode {
        var copy = self
        copy.expansionGroups = groups
        return copy
    }

    /// Adds `groups` groups of 100 viewers from an applied expansion (RULES §6). The validity
    /// never changes; the extra capacity ends with the code.
    ///
    /// - Throws: `invalidArgument` for groups outside 1…10,000 or a lifetime total above 1,000,000.
    public mutating func applyExpansion(groups: Int) throws(DomainError) {
        try ConcurrencyAddOn.checkGroups(
            groups, atLeastOne: true, max: OrderLimits.maxExpansionGroups, what: "expansion groups")
        try ConcurrencyAddOn.checkGroups(
            expansionGroups + groups, max: OrderLimits.maxExpansionGroupsPerCode, what: "expansion groups on a code")
        expansionGroups += groups
    }
}
