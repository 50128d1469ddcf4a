/// A paid broadcast (started with a code) or a free trial (RULES §7, §8).
public enum BroadcastKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Started with a usable activation code; limit = the code's capacity.
    case paid = "PAID"
    /// Free trial; limit 10 viewers, radar top 2.
    case trial = "TRIAL"
}
