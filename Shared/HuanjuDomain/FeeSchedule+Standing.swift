extension FeeSchedule {
    /// The fee at `instant`: the active term and until when the fee stays active
    /// (`activeTerm(at:)`, `activeUntil(at:)`), or the gap it falls in (`lastEnd(atOrBefore:)`
    /// and the next term's start) — the same functions every other rule asks.
    public func standing(at instant: Instant) -> FeeStanding {
        if let term = activeTerm(at: instant), let until = activeUntil(at: instant) {
            return .active(term: term, activeUntil: until)
        }
        return .lapsed(previousEnd: lastEnd(atOrBefore: instant), nextStart: terms.first { $0.start > instant }?.start)
    }
}
