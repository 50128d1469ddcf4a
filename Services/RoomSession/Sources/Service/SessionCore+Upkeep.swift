import HuanjuRuntime
import HuanjuWire
import HuanjuAPI
import HuanjuDomain

extension SessionCore {
    // MARK: Start-up

    /// The restart policy (see `SessionOverview`): broadcasts still recorded as live were
    /// interrupted by a stop or a crash; they end with SERVICE_RESTARTED at their last flush,
    /// their radar kept as flushed. Call once, before serving.
    public func recoverAfterRestart() async throws {
        let now = clock.now()
        for row in try await store.endInterruptedBroadcasts(now: now) {
            logger.notice("broadcast ended by the service restart", metadata: [
                "broadcast.id": "\(row.broadcastID)", "broadcast.ended_at": "\(row.endedAt ?? now)",
            ])
        }
        for (broadcastID, endedAt) in try await store.broadcastsEnded(since: now - EndedBroadcasts.retention) {
            ended.add(broadcastID, endedAt: endedAt)
        }
    }

    // MARK: Sweep

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
        ended.prune(now: now)
        lastSweep.withLock { $0 = (result.liveRooms, result.presentViewers) }
        logger.trace("swept", metadata: [
            "rooms.live": "\(result.liveRooms)", "viewers.present": "\(result.presentViewers)",
        ])
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
        let answer: AuthorizeBroadcastResponse
        do {
            answer = try await authorizer.authorizeBroadcast(
                AuthorizeBroadcastRequest(code: code, deviceId: entry.deviceID, wechatOpenid: entry.wechatOpenID),
                forAccount: accountID)
        } catch {
            logger.debug("fee renewal check refused or failed", metadata: [
                "broadcast.id": "\(entry.broadcastID)", "error": "\(error)",
            ])
            return
        }
        guard answer.codeId == entry.codeID, answer.accountId == entry.accountID else { return }
        var renewed = entry
        renewed.codeValidUntil = answer.codeValidUntilMs
        renewed.feeActiveUntil = answer.feeActiveUntilMs
        guard renewed.hardEnd != entry.hardEnd else { return }
        do {
            try engine.updateHardEnd(entry.broadcastID, to: renewed.hardEnd, now: now)
        } catch {
            // It ended meanwhile: a renewal after the hard end does not revive it.
            return
        }
        live.updateBounds(entry.broadcastID, codeValidUntil: answer.codeValidUntilMs, feeActiveUntil: answer.feeActiveUntilMs)
        logger.info("broadcast hard end moved by the fee terms", metadata: [
            "broadcast.id": "\(entry.broadcastID)", "broadcast.hard_end": "\(renewed.hardEnd)",
            "broadcast.previous_hard_end": "\(entry.hardEnd)",
        ])
    }

    // MARK: Flush

    /// One flush (about every second): drains the engine's radar changes and writes them in one
    /// transaction; then rooms whose final state is written leave the engine (their radar is
    /// read from the database from then on) and free their facts. A failed write is retried
    /// with the next flush. Never call it concurrently with itself.
    ///
    /// - Parameter markLive: mark every live broadcast flushed now even if nothing changed
    ///   (the last flush at shutdown); otherwise that happens at most every 2 s.
    public func flush(markLive: Bool = false) async {
        let now = clock.now()
        let changes = engine.drainChanges()
        let causes = changes.map { endCause(of: $0.room) }
        let batch = pending.withLock { pending in
            for (change, cause) in zip(changes, causes) { pending.merge(change, endCause: cause) }
            return Array(pending.rooms.values)
        }
        let touchDue = markLive
            || lastTouch.withLock { last in last.map { ContinuousClock.now - $0 >= Self.touchInterval } ?? true }
        guard !batch.isEmpty || (touchDue && live.count > 0) else { return }
        do {
            try await store.writeRadar(batch, flushedAt: now, touchLive: true)
        } catch {
            logger.error("could not write the radar; retrying with the next flush", metadata: [
                "rooms": "\(batch.count)", "error": "\(error)",
            ])
            return
        }
        pending.withLock { $0.removeAll() }
        lastTouch.withLock { $0 = ContinuousClock.now }
        if batch.reduce(0, { $0 + $1.viewers.count }) >= Self.largeFlushViewers {
            FreedMemory.returnToSystem()
        }
        for room in batch {
            guard let endedAt = room.endedAt else { continue }
            ended.add(room.broadcastID, endedAt: endedAt)
            _ = try? engine.removeRoom(room.broadcastID)
            live.release(room.broadcastID)
        }
    }
}

extension SessionCore {
    /// The service's gauges, as of the last sweep (at most ~500 ms old).
    public func gauges() -> [Gauge] {
        let (liveRooms, presentViewers) = lastSweep.withLock { $0 }
        return [
            Gauge("huanju_live_broadcasts", help: "Broadcasts live now.", value: Double(liveRooms)),
            Gauge("huanju_present_viewers", help: "Viewers present in live broadcasts.", value: Double(presentViewers)),
        ] + ServiceDatabase.gauges()
    }
}
