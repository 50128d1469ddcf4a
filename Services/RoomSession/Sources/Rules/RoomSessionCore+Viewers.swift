import HuanjuDomain

extension RoomSessionCore {
    // The viewer path (RULES §7): called on the event loop that read the call, straight into
    // the engine with the clock's now; no await, no database, no hop between threads.

    /// A viewer joins: admitted while the room is live and the viewer is present already (a
    /// rejoin never counts twice) or the room is below its limit.
    ///
    /// - Throws: NOT_FOUND for an unknown broadcast; RESOURCE_EXHAUSTED naming the limit when
    ///   full; FAILED_PRECONDITION once it ended; INVALID_ARGUMENT for a malformed id.
    func join(_ broadcastID: String, viewer viewerID: String) throws(DomainError) -> JoinOutcome {
        do {
            return try engine.join(room: broadcastID, viewer: viewerID, now: clock.now())
        } catch {
            throw endedInstead(of: error, broadcastID: broadcastID)
        }
    }

    /// A present viewer renews its lease.
    ///
    /// - Throws: NOT_FOUND for an unknown broadcast or a viewer not present (join again);
    ///   FAILED_PRECONDITION once it ended.
    func heartbeat(_ broadcastID: String, viewer viewerID: String) throws(DomainError) -> HeartbeatOutcome {
        do {
            return try engine.heartbeat(room: broadcastID, viewer: viewerID, now: clock.now())
        } catch {
            throw endedInstead(of: error, broadcastID: broadcastID)
        }
    }

    /// A viewer leaves: its place is freed at once. Idempotent; leaving an ended broadcast is
    /// fine too (answered with no viewers and no limit once its room left the engine).
    ///
    /// - Throws: NOT_FOUND for an unknown broadcast.
    func leave(_ broadcastID: String, viewer viewerID: String) throws(DomainError) -> LeaveOutcome {
        do {
            return try engine.leave(room: broadcastID, viewer: viewerID, now: clock.now())
        } catch where error.code == .notFound && ended.endedAt(broadcastID) != nil {
            return LeaveOutcome(wasPresent: false, presentCount: 0, limit: 0)
        }
    }

    /// A room the engine no longer has, because it ended and was flushed, is reported as ended.
    private func endedInstead(of error: DomainError, broadcastID: String) -> DomainError {
        guard error.code == .notFound, let endedAt = ended.endedAt(broadcastID) else { return error }
        return .failedPrecondition("broadcast \(broadcastID) ended at \(endedAt); it admits no more viewers")
    }
}
