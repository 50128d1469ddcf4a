import HuanjuDomain

extension RoomSessionCore {
    /// Viewer lines drained and written per transaction: what bounds the flusher's memory
    /// whatever the crowd (about 60 bytes a line).
    static let flushBatchViewers = 32_768

    /// One flush (every 5 s, `Upkeep.flusher`): drains the engine's radar changes a
    /// bounded batch at a time, as many as were waiting when it began (a viewer that changes
    /// again meanwhile waits for the next flush: each is written about once a flush, however
    /// busy), and writes each batch in one transaction; rooms whose final state is written then
    /// leave the engine (their radar is read from the database from then on) and free their
    /// facts. A batch whose write fails (a full disk) is kept and written first by the next
    /// flush, before anything more is drained, so nothing is lost and nothing piles up. It also
    /// reads the outbox's backlog for the metrics. Never call it concurrently with itself.
    public func flush() async {
        let now = clock.now()
        var written = 0
        var due = engine.changedViewerCount()
        while true {
            let retried = unwritten.withLock { $0 }
            let batch = retried.isEmpty
                ? engine.drainChanges(limit: Self.flushBatchViewers).map { RoomFlush($0, endCause: endCause(of: $0.room)) }
                : retried
            let lines = batch.reduce(0) { $0 + $1.viewers.count }
            guard !batch.isEmpty else { break }
            do {
                try await store.writeRadar(batch, flushedAt: now)
            } catch {
                unwritten.withLock { $0 = batch }
                logger.error("could not write the radar; retrying with the next flush", metadata: [
                    "rooms": "\(batch.count)", "viewers": "\(lines)", "error": "\(error)",
                ])
                break
            }
            unwritten.withLock { $0 = [] }
            written += lines
            if retried.isEmpty { due -= lines }
            for room in batch where room.isFinal {
                guard let endedAt = room.endedAt else { continue }
                ended.add(room.broadcastID, endedAt: endedAt)
                _ = try? engine.removeRoom(room.broadcastID)
                live.release(room.broadcastID)
            }
            if retried.isEmpty, due <= 0 || lines < Self.flushBatchViewers { break }   // what was due is written
        }
        if written >= Self.largeFlushViewers { FreedMemory.returnToSystem() }
        if let backlog = try? await store.outboxBacklog() { outboxBacklog.withLock { $0 = backlog } }
    }
}
