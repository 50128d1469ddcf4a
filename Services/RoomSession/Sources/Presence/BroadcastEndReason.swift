/// Why a broadcast ended.
public enum BroadcastEndReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The host ended it.
    case host = "HOST"
    /// It reached its hard end: start + 4 h, the code's validity end or the fee lapse (RULES §7).
    case hardEnd = "HARD_END"
}
