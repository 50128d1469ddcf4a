import HuanjuDomain

/// What a heartbeat answers: the viewer's new lease end, and the room's count and limit,
/// read under the same lock as the renewal.
public struct HeartbeatOutcome: Sendable, Hashable {
    /// The viewer's lease now ends here (exclusive) unless it sends another heartbeat.
    public let leaseEnd: Instant
    /// Viewers present.
    public let presentCount: Int
    /// The room's viewer limit.
    public let limit: Int

    public init(leaseEnd: Instant, presentCount: Int, limit: Int) {
        self.leaseEnd = leaseEnd
        self.presentCount = presentCount
        self.limit = limit
    }
}
