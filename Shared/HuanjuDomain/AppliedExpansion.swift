/// An expansion (扩容) that an operator applied to a code (RULES §6): its groups of 100 viewers
/// count from `appliedAt` on, for every broadcast started from then.
public struct AppliedExpansion: Sendable, Hashable, Codable {
    /// Groups of 100 viewers it added.
    public let groups: Int
    /// When it was applied.
    public let appliedAt: Instant

    /// An expansion of `groups` groups applied at `appliedAt`.
    public init(groups: Int, appliedAt: Instant) {
        self.groups = groups
        self.appliedAt = appliedAt
    }
}
