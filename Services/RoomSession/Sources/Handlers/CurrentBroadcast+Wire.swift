import HuanjuAPI

extension SessionV1.Broadcast {
    /// The wire form of a broadcast as it stands now (0 for an end it does not have).
    init(_ broadcast: CurrentBroadcast) {
        let record = broadcast.record
        self.init(
            broadcastID: record.broadcastID, kind: SessionV1.BroadcastKind(record.kind.broadcastKind),
            state: broadcast.isLive ? .live : .ended, codeID: record.codeID ?? "", accountID: record.accountID ?? "",
            viewerLimit: UInt32(clamping: record.viewerLimit), startedAtMs: record.startedAt.unixMilliseconds,
            endsAtMs: broadcast.hardEnd.unixMilliseconds, endedAtMs: broadcast.endedAt?.unixMilliseconds ?? 0,
            endReason: broadcast.endCause.map(SessionV1.EndReason.init) ?? .unspecified,
            presentViewers: UInt32(clamping: broadcast.presentViewers), peakViewers: UInt32(clamping: broadcast.peakViewers),
            title: record.title)
    }
}
