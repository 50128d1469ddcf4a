import HuanjuDomain

extension RoomSessionCore {
    /// The restart policy (see `RoomSessionServiceOverview`): broadcasts still recorded as live were
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
}
