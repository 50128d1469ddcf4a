import HuanjuAPI
import HuanjuDomain

extension SessionCore {
    // The viewer path (RULES §7): called on the event loop that read the call, straight into
    // the engine with the clock's now; no await, no database, no hop between threads.

    /// A viewer joins: admitted while the room is live and the viewer is present already (a
    /// rejoin never counts twice) or the room is below its limit.
    ///
    /// - Throws: NOT_FOUND for an unknown broadcast; RESOURCE_EXHAUSTED naming the limit when
    ///   full; FAILED_PRECONDITION once it ended; INVALID_ARGUMENT for a malformed id.
    func join(_ request: ViewerRequest) throws(DomainError) -> ViewerResponse {
        do {
            let outcome = try engine.join(room: request.broadcastId, viewer: request.viewerId, now: clock.now())
            return ViewerResponse(
                presentViewers: UInt32(clamping: outcome.presentCount), viewerLimit: UInt32(clamping: outcome.limit),
                leaseExpiresAtMs: outcome.leaseEnd)
        } catch {
            throw endedInstead(of: error, broadcastID: request.broadcastId)
        }
    }

    /// A present viewer renews its lease.
    ///
    /// - Throws: NOT_FOUND for an unknown broadcast or a viewer not present (join again);
    ///   FAILED_PRECONDITION once it ended.
    func heartbeat(_ request: ViewerRequest) throws(DomainError) -> ViewerResponse {
        do {
            let outcome = try engine.heartbeat(room: request.broadcastId, viewer: request.viewerId, now: clock.now())
            return ViewerResponse(
                presentViewers: UInt32(clamping: outcome.presentCount), viewerLimit: UInt32(clamping: outcome.limit),
                leaseExpiresAtMs: outcome.leaseEnd)
        } catch {
            throw endedInstead(of: error, broadcastID: request.broadcastId)
        }
    }

    /// A viewer leaves: its place is freed at once. Idempotent; leaving an ended broadcast is
    /// fine too.
    ///
    /// - Throws: NOT_FOUND for an unknown broadcast.
    func leave(_ request: ViewerRequest) throws(DomainError) -> ViewerResponse {
        let none = Instant(unixMilliseconds: 0)
        do {
            let outcome = try engine.leave(room: request.broadcastId, viewer: request.viewerId, now: clock.now())
            return ViewerResponse(
                presentViewers: UInt32(clamping: outcome.presentCount), viewerLimit: UInt32(clamping: outcome.limit),
                leaseExpiresAtMs: none)
        } catch where error.code == .notFound && ended.endedAt(request.broadcastId) != nil {
            return ViewerResponse(presentViewers: 0, viewerLimit: 0, leaseExpiresAtMs: none)
        }
    }

    /// A room the engine no longer has, because it ended and was flushed, is reported as ended.
    private func endedInstead(of error: DomainError, broadcastID: String) -> DomainError {
        guard error.code == .notFound, let endedAt = ended.endedAt(broadcastID) else { return error }
        return .failedPrecondition("broadcast \(broadcastID) ended at \(endedAt); it admits no more viewers")
    }
}
