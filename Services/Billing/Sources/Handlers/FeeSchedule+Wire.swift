import HuanjuAPI
import HuanjuDomain

/// The annual fee on the wire: billing's `FeeStatus` at an instant, and the terms activation
/// is told (`ActivationV1.FeeTerm`).
extension BillingV1.FeeStatus {
    /// The status of `schedule` at `now`.
    init(_ schedule: FeeSchedule, at now: Instant) {
        let until = schedule.activeUntil(at: now)
        self.init(
            active: until != nil, activeUntilMs: until?.unixMilliseconds ?? 0,
            lastEndedMs: until == nil ? (schedule.lastEnd(atOrBefore: now)?.unixMilliseconds ?? 0) : 0,
            terms: schedule.terms.map { BillingV1.FeeTerm(startMs: $0.start.unixMilliseconds, endMs: $0.end.unixMilliseconds) })
    }
}

extension ActivationV1.FeeTerm {
    /// One term, end exclusive.
    init(_ term: FeeTerm) {
        self.init(startMs: term.start.unixMilliseconds, endMs: term.end.unixMilliseconds)
    }
}
