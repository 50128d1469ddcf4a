import HuanjuAPI

// The viewer path's answers: built on the event loop from the engine's outcome, no
// allocation beyond the response's encoding.

extension SessionV1.ViewerResponse {
    /// An admitted join: the room's count and limit, and the viewer's lease end.
    init(_ outcome: JoinOutcome) {
        self.init(
            presentViewers: UInt32(clamping: outcome.presentCount), viewerLimit: UInt32(clamping: outcome.limit),
            leaseExpiresAtMs: outcome.leaseEnd.unixMilliseconds)
    }

    /// A renewed lease: the room's count and limit, and the viewer's new lease end.
    init(_ outcome: HeartbeatOutcome) {
        self.init(
            presentViewers: UInt32(clamping: outcome.presentCount), viewerLimit: UInt32(clamping: outcome.limit),
            leaseExpiresAtMs: outcome.leaseEnd.unixMilliseconds)
    }

    /// A leave: the room's count and limit after it, and no lease (0).
    init(_ outcome: LeaveOutcome) {
        self.init(
            presentViewers: UInt32(clamping: outcome.presentCount), viewerLimit: UInt32(clamping: outcome.limit),
            leaseExpiresAtMs: 0)
    }
}
