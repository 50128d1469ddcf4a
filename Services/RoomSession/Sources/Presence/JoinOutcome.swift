import HuanjuDomain

/// What an admitted join answers: whether it took a place, the room's count and limit, and
/// until when the viewer is present without a heartbeat.
public struct JoinOutcome: Sendable, Hashable {
    /// `admitted` (took a free place) or `rejoined` (was present already: nothing counted).
    public let admission: Admission
    /// Viewers present after this join.
    public let presentCount: Int
    /// The room's viewer limit.
    public let limit: Int
    /// The viewer's lease ends here (exclusive) unless it sends a heartbeat before.
    public let leaseEnd: Instant
    /// The broadcast ends by itself at this instant at the latest.
    public let hardEnd: Instant

    /// An outcome with the given fields.
    public init(admission: Admission, presentCount: Int, limit: Int, leaseEnd: Instant, hardEnd: Instant) {
        self.admission = admission
        self.presentCount = presentCount
        self.limit = limit
        self.leaseEnd = leaseEnd
        self.hardEnd = hardEnd
    }
}
