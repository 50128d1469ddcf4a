/// The annual fee at an instant (RULES §4): inside a term, or in a gap between terms (a lapse,
/// or no term yet).
public enum FeeStanding: Sendable, Hashable {
    /// `term` is active at the instant; the fee stays active until `activeUntil`: the term's end,
    /// or later when another term starts exactly then.
    case active(term: FeeTerm, activeUntil: Instant)
    /// No term is active at the instant: the gap after the term that ended at `previousEnd` (nil:
    /// no term yet) and before the one that starts at `nextStart` (nil: none, not renewed).
    case lapsed(previousEnd: Instant?, nextStart: Instant?)
}
