extension ActivationCode {
    /// The code as it stood at `instant`, as known now (RULES §5, §6): its binding only if it
    /// was made at or before `instant` (so a code bound later is UNBOUND then, or LAPSED past its
    /// bind deadline), and only the expansion groups applied at or before `instant`. Its kind,
    /// issue, add-ons and bind deadline never change.
    ///
    /// - Parameter applied: the code's applied expansions, whose groups `expansionGroups`
    ///   includes; the groups of those applied after `instant` are taken away.
    public func asItStood(at instant: Instant, applied: [AppliedExpansion]) -> ActivationCode {
        let later = applied.filter { $0.appliedAt > instant }.reduce(0) { $0 + $1.groups }
        var stood = withExpansionGroups(max(0, expansionGroups - later))
        if let binding, binding.boundAt > instant { stood.binding = nil }
        return stood
    }
}
