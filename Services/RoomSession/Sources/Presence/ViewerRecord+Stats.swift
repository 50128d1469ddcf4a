import HuanjuDomain

extension ViewerRecord {
    /// The viewer's id, given the room's interned ids.
    func viewerID(internedIDs: [String]) -> String {
        isInterned ? internedIDs[Int(keyLow)] : ViewerID.format(key)
    }

    /// The viewer's radar line, the open visit (if any) counted up to `openVisitEnd`
    /// (milliseconds from the room's start).
    func stats(viewerID: String, clock: RoomClock, openVisitEnd: Int64) -> ViewerStats {
        ViewerStats(
            viewerID: viewerID, firstJoin: clock.instant(firstJoin), lastSeen: clock.instant(lastSeen), visits: visits,
            watchTime: .milliseconds(watchMilliseconds(upTo: openVisitEnd)))
    }
}
