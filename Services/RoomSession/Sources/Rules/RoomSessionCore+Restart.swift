import HuanjuDomain

extension RoomSessionCore {
    /// Brings back what a previous run left (call it before serving). Every broadcast the
    /// database records as live is either reopened — same id, kind, limit, hard end, host
    /// token and radar as last flushed, no viewer present (they join again under the same
    /// limit) — or, when its hard end passed while the service was down, ended at that hard
    /// end with its usual reason. Then the broadcasts that ended within the last 24 h are
    /// remembered for the viewer path's answers.
    public func recoverAfterRestart() async throws {
        let now = clock.now()
        for record in try await store.liveBroadcasts() {
            let entry = record.liveEntry
            if now >= record.hardEndAt {
                let cause = entry.hardEndCause(at: record.hardEndAt)
                try await store.recordEnd(of: record.broadcastID, at: record.hardEndAt, cause: cause)
                logger.info("broadcast ended: its hard end passed while the service was down", metadata: [
                    "broadcast.id": "\(record.broadcastID)", "broadcast.end_reason": "\(cause.rawValue)",
                    "broadcast.ended_at": "\(record.hardEndAt)",
                ])
                continue
            }
            let radar = try await store.radarViewers(of: record.broadcastID)
            try engine.reopenRoom(record.broadcastID, plan: record.plan, peakConcurrent: record.peakViewers, radar: radar)
            live.adopt(entry)
            logger.info("broadcast reopened after a restart", metadata: [
                "broadcast.id": "\(record.broadcastID)", "broadcast.limit": "\(record.viewerLimit)",
                "broadcast.hard_end": "\(record.hardEndAt)", "radar.viewers": "\(radar.count)",
            ])
        }
        for (broadcastID, endedAt) in try await store.broadcastsEnded(since: now - EndedBroadcasts.retention) {
            ended.add(broadcastID, endedAt: endedAt)
        }
    }
}
