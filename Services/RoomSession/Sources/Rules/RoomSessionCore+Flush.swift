import HuanjuDomain

extension RoomSessionCore {
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
