import HuanjuDomain

/// What changed in one room since the previous `PresenceEngine.drainChanges(limit:)`: its
/// state and totals now, and the lines of the viewers that changed (each listed once however
/// often it changed), all of them or, when the drain's limit was reached, some.
public struct RoomChanges: Sendable, Hashable {
    /// The room's state at the drain.
    public let room: RoomSnapshot
    /// The room's radar totals at the drain.
    public let totals: BroadcastTotals
    /// Viewers whose stats changed, in no particular order.
    public let viewers: [ViewerChange]
    /// Whether `viewers` holds every change of the room (false: the next drain has more).
    public let isComplete: Bool

    /// Changes with the given fields.
    public init(room: RoomSnapshot, totals: BroadcastTotals, viewers: [ViewerChange], isComplete: Bool = true) {
        self.room = room
        self.totals = totals
        self.viewers = viewers
        self.isComplete = isComplete
    }
}

/// One viewer's radar line as a drain reports it: its id kept compact (a `wx_<16 hex>` id is
/// its 64-bit value, turned into text only where it is written), open visit counted up to its
/// last seen.
public struct ViewerChange: Sendable, Hashable {
    let viewer: ViewerID
    public let firstJoin: Instant
    public let lastSeen: Instant
    public let visits: Int
    public let watchTime: TimeSpan

    /// The line of `viewer` with the given counters.
    init(viewer: ViewerID, firstJoin: Instant, lastSeen: Instant, visits: Int, watchTime: TimeSpan) {
        self.viewer = viewer
        self.firstJoin = firstJoin
        self.lastSeen = lastSeen
        self.visits = visits
        self.watchTime = watchTime
    }

    /// The viewer's id as it was sent.
    public var viewerID: String { viewer.description }

    /// The line as the radar lists it.
    public var stats: ViewerStats {
        ViewerStats(viewerID: viewerID, firstJoin: firstJoin, lastSeen: lastSeen, visits: visits, watchTime: watchTime)
    }
}
