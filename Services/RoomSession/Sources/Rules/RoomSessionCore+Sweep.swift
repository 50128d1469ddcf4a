import HuanjuAPI
import HuanjuDomain

extension RoomSessionCore {
    /// One sweep (about every 500 ms): asks activation once more about a broadcast whose
    /// fee-bound end arrives within the next second (fee changes otherwise come as events,
    /// `followFeeTerms`), then ends rooms at their hard end and drops expired leases, and
    /// records the ends.
    public func sweep() async {
        let now = clock.now()
        await recheckArrivingFeeEnds(now: now)
        let result = engine.sweep(now: now)
        for room in result.endedRooms {
            guard let endedAt = room.endedAt, let cause = endCause(of: room) else { continue }
            do {
                try await store.recordEnd(of: room.roomID, at: endedAt, cause: cause)
                logger.info("broadcast ended", metadata: [
                    "broadcast.id": "\(room.roomID)", "broadcast.end_reason": "\(cause.rawValue)",
                    "broadcast.ended_at": "\(endedAt)",
                ])
            } catch {
                // The flusher records the end with the room's final radar anyway.
                logger.error("could not record a broadcast's end", metadata: [
                    "broadcast.id": "\(room.roomID)", "error": "\(error)",
                ])
            }
        }
        for events in result.viewerEvents { log(events) }
        ended.prune(now: now)
        lastSweep.withLock { $0 = (result.liveRooms, result.presentViewers) }
        logger.trace("swept", metadata: [
            "rooms.live": "\(result.liveRooms)", "viewers.present": "\(result.presentViewers)",
        ])
    }

    /// The viewer path's notable events, as operators read them (one line per room at most
    /// every 10 s of the business clock, and one when a room fills; never one per call).
    private func log(_ events: ViewerEvents) {
        if events.filled {
            logger.info("broadcast full: joins are refused until a viewer leaves", metadata: [
                "broadcast.id": "\(events.roomID)", "broadcast.limit": "\(events.limit)",
            ])
        }
        if events.refusedJoins > 0 || events.expiredLeases > 0 {
            logger.info("viewers refused or timed out", metadata: [
                "broadcast.id": "\(events.roomID)", "broadcast.limit": "\(events.limit)",
                "viewers.refused_full": "\(events.refusedJoins)", "viewers.lease_expired": "\(events.expiredLeases)",
            ])
        }
    }
}
