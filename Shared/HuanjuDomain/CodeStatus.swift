/// What a code is at an instant; exactly one applies (RULES §5).
public enum CodeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not bound, binding window still open.
    case unbound = "UNBOUND"
    /// Not bound, binding window closed: permanent.
    case lapsed = "LAPSED"
    /// Bound, still valid, annual fee active: usable.
    case active = "ACTIVE"
    /// Bound, still valid, but the annual fee is not active; a renewal restores it.
    case suspended = "SUSPENDED"
    /// Validity ended: permanent.
    case expired = "EXPIRED"
}
