import HuanjuDomain

/// What changed in one room since the previous `PresenceEngine.drainChanges()`: its state and
/// totals now, and the stats of each viewer that changed (each listed once however often it
/// changed). Open visits are counted up to the viewer's last seen, as the totals are.
public struct RoomChanges: Sendable, Hashable {
    /// The room's state at the drain.
    public let room: RoomSnapshot
    /// The room's radar totals at the drain.
    public let totals: BroadcastTotals
    /// The viewers whose stats changed, in no particular order.
    public let viewers: [ViewerStats]

    /// Changes with the given fields.
    public init(room: RoomSnapshot, totals: BroadcastTotals, viewers: [ViewerStats]) {
        self.room = room
        self.totals = totals
        self.viewers = viewers
    }
}
