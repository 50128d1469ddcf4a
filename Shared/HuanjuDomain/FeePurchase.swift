/// The outcome of buying the annual fee at one instant (RULES §4).
public struct FeePurchase: Sendable, Hashable, Codable {
    /// Which case of the rule applied.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// No earlier term: a new term `[T, addYears(T, 1) − 1 day)`.
        case first = "FIRST"
        /// A term was active (T < E): its end moved to `addYears(E, 1)`.
        case renewal = "RENEWAL"
        /// The last term had ended: a new term from T; the gap stays a gap.
        case afterLapse = "AFTER_LAPSE"
    }

    /// First purchase, renewal, or purchase after a lapse.
    public let kind: Kind
    /// When the fee was bought (T).
    public let purchasedAt: Instant
    /// The end of the latest term before this purchase (the old end for a renewal, the lapse
    /// moment after a lapse); nil for a first purchase.
    public let previousEnd: Instant?
    /// The term this purchase opened or extended, as it is now.
    public let term: FeeTerm
    /// The whole schedule after the purchase.
    public let schedule: FeeSchedule
    /// The free Flagship code every purchase or renewal issues: unbound, issued at T, so its
    /// binding window starts at T.
    public let giftCode: ActivationCode
}
