/// When a paid broadcast started at an instant ends by itself, and which of the three bounds of
/// RULES §7 that is: start + 4 h, the code's validity end, the moment the fee stops being active.
public struct BroadcastHardEnd: Sendable, Hashable {
    /// Which bound ends the broadcast.
    public enum Cause: String, Sendable, Hashable, CaseIterable {
        /// Start + 4 hours.
        case maxDuration = "MAX_DURATION"
        /// The code's validity end.
        case codeValidity = "CODE_VALIDITY"
        /// The moment the annual fee stops being active.
        case feeEnd = "FEE_END"
    }

    /// The instant the broadcast ends by itself (exclusive).
    public let at: Instant
    /// Which bound that is.
    public let cause: Cause

    /// `BroadcastPlan.hardEnd(start:codeValidityEnd:feeActiveUntil:)` and which bound it is. When
    /// two bounds fall on the same instant the code's validity end is named first, then the fee's
    /// end: the one a longer broadcast could not get past.
    public init(start: Instant, codeValidityEnd: Instant?, feeActiveUntil: Instant?) {
        at = BroadcastPlan.hardEnd(start: start, codeValidityEnd: codeValidityEnd, feeActiveUntil: feeActiveUntil)
        cause = at == codeValidityEnd ? .codeValidity : at == feeActiveUntil ? .feeEnd : .maxDuration
    }
}
