import HuanjuAPI
import HuanjuDomain

extension RoomSessionCore {
    /// One sweep (about every 500 ms): asks activation again about broadcasts that the fee's
    /// end would stop (a renewal made before then keeps them going, RULES §7), then ends rooms
    /// at their hard end and drops expired leases, and records the ends.
    public func sweep() async {
        let now = clock.now()
        await followFeeRenewals(now: now)
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

    /// For each live paid broadcast whose hard end is its fee's end, asks activation again and
    /// moves the hard end to what the answer gives (later after a renewal). A refusal or an
    /// unreachable activation changes nothing: the broadcast ends at the fee's end.
    func followFeeRenewals(now: Instant) async {
        let bounded = live.all().filter { $0.isOpened && $0.isFeeBounded }
        guard !bounded.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            for entry in bounded {
                group.addTask { await self.followFeeRenewal(entry, now: now) }
            }
        }
    }

    private func followFeeRenewal(_ entry: LiveBroadcast, now: Instant) async {
        // Only a renewal seen before the fee's end keeps the broadcast going: once that end has
        // passed, the fee lapsed (a renewal after it starts a new term; the gap stays a gap,
        // RULES §4) and the broadcast ended then, whatever activation says now. (The engine
        // would refuse to move a passed end anyway; this spares activation the question.)
        guard now < entry.hardEnd, let code = entry.code, let accountID = entry.accountID else { return }
        let answer: ActivationV1.AuthorizeBroadcastResponse
        do {
            answer = try await authorizer.authorizeBroadcast(
                ActivationV1.AuthorizeBroadcastRequest(
                    code: code, deviceID: entry.deviceID, wechatOpenid: entry.wechatOpenid),
                forAccount: accountID, caller: nil)
        } catch {
            logger.debug("fee renewal check refused or failed", metadata: [
                "broadcast.id": "\(entry.broadcastID)", "error": "\(error)",
            ])
            return
        }
        guard answer.codeID == entry.codeID, answer.accountID == entry.accountID else { return }
        var renewed = entry
        renewed.codeValidUntil = Instant(unixMilliseconds: answer.codeValidUntilMs)
        renewed.feeActiveUntil = Instant(unixMilliseconds: answer.feeActiveUntilMs)
        guard renewed.hardEnd != entry.hardEnd else { return }
        do {
            try engine.updateHardEnd(entry.broadcastID, to: renewed.hardEnd, now: now)
        } catch {
            // It ended meanwhile: a renewal after the hard end does not revive it.
            return
        }
        live.updateBounds(entry.broadcastID, to: renewed)
        logger.info("broadcast hard end moved by the fee terms", metadata: [
            "broadcast.id": "\(entry.broadcastID)", "broadcast.hard_end": "\(renewed.hardEnd)",
            "broadcast.previous_hard_end": "\(entry.hardEnd)",
        ])
    }
}
