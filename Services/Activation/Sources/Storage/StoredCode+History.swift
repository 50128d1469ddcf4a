import HuanjuDomain

extension StoredCode {
    /// The code's applied expansions as the rules see them (groups and when each was applied);
    /// pending ones are left out: they count only once applied.
    var appliedExpansions: [AppliedExpansion] {
        expansions.compactMap { expansion in
            expansion.appliedAt.map { AppliedExpansion(groups: expansion.groups, appliedAt: $0) }
        }
    }
}
