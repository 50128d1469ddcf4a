/// One viewer's line in a broadcast's data radar (RULES §9).
public struct ViewerStats: Sendable, Hashable, Codable {
    /// The viewer's id.
    public let viewerID: String
    /// When the viewer first joined this broadcast.
    public let firstJoin: Instant
    /// When the viewer was last seen (join or heartbeat).
    public var lastSeen: Instant
    /// Joins that took a place (a rejoin while present is not a new visit).
    public var visits: Int
    /// Total time watched over all visits.
    public var watchTime: TimeSpan

    /// Stats with the given fields.
    public init(viewerID: String, firstJoin: Instant, lastSeen: Instant, visits: Int, watchTime: TimeSpan) {
        self.viewerID = viewerID
        self.firstJoin = firstJoin
        self.lastSeen = lastSeen
        self.visits = visits
        self.watchTime = watchTime
    }

    /// Stats for a viewer's first join at `instant`: one visit, nothing watched yet.
    public static func firstVisit(viewerID: String, at instant: Instant) -> ViewerStats {
        ViewerStats(viewerID: viewerID, firstJoin: instant, lastSeen: instant, visits: 1, watchTime: .zero)
    }

    /// Records a visit that ran from `start` to `end` (a later join after leaving or expiring
    /// counts one more visit; pass `countsAsVisit: false` for the first visit already counted).
    public mutating func recordVisit(from start: Instant, to end: Instant, countsAsVisit: Bool = true) {
        if countsAsVisit { visits += 1 }
        if end > start { watchTime = watchTime + (end - start) }
        lastSeen = max(lastSeen, end)
    }
}
