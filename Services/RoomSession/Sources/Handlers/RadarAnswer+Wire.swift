import HuanjuAPI
import HuanjuDomain

extension SessionV1.RadarResponse {
    /// The wire form of one page of a broadcast's data radar.
    init(_ answer: RadarAnswer) {
        self.init(
            broadcast: SessionV1.Broadcast(answer.broadcast), totals: SessionV1.RadarTotals(answer.totals),
            viewers: answer.page.items.map(SessionV1.RadarViewer.init), nextPageToken: answer.page.nextPageToken,
            redacted: answer.isRedacted)
    }
}

extension SessionV1.RadarTotals {
    /// The wire form of a radar's totals (0 for an end it does not have).
    init(_ totals: BroadcastTotals) {
        self.init(
            peakViewers: UInt32(clamping: totals.peakConcurrent), uniqueViewers: UInt32(clamping: totals.uniqueViewers),
            totalWatchMs: totals.totalWatchTime.milliseconds, startedAtMs: totals.start.unixMilliseconds,
            endedAtMs: totals.end?.unixMilliseconds ?? 0)
    }
}

extension SessionV1.RadarViewer {
    /// The wire form of one ranked line of the radar.
    init(_ viewer: RankedViewer) {
        self.init(
            rank: UInt32(clamping: viewer.rank), viewerID: viewer.stats.viewerID,
            firstJoinMs: viewer.stats.firstJoin.unixMilliseconds, lastSeenMs: viewer.stats.lastSeen.unixMilliseconds,
            visits: UInt32(clamping: viewer.stats.visits), watchMs: viewer.stats.watchTime.milliseconds)
    }
}
