import HuanjuDomain

/// What happened on a room's viewer path that an operator should read about, counted under the
/// room's lock and reported by the sweep (never a log line per call): joins refused because the
/// room was full, leases that expired, and the moment the room filled.
public struct ViewerEvents: Sendable, Hashable {
    /// The room.
    public let roomID: String
    /// Its viewer limit.
    public let limit: Int
    /// Joins refused because the room was full, since the last report.
    public let refusedJoins: Int
    /// Viewers dropped because their lease ran out, since the last report.
    public let expiredLeases: Int
    /// Whether the room reached its limit since the last report.
    public let filled: Bool
}

/// A room's viewer events since they were last reported.
struct ViewerEventTally: Sendable {
    var refusedJoins = 0
    var expiredLeases = 0
    var filled = false
    /// When the refusals and expiries were last reported (a fill is reported at once).
    var lastReport: Instant?

    /// The events to report at `now`: a fill at once; refusals and expiries at most once per
    /// `interval`. Resets what it reports.
    mutating func take(roomID: String, limit: Int, now: Instant, interval: TimeSpan) -> ViewerEvents? {
        let countsDue = (refusedJoins > 0 || expiredLeases > 0) && lastReport.map { now >= $0 + interval } ?? true
        guard filled || countsDue else { return nil }
        let events = ViewerEvents(
            roomID: roomID, limit: limit, refusedJoins: countsDue ? refusedJoins : 0,
            expiredLeases: countsDue ? expiredLeases : 0, filled: filled)
        filled = false
        if countsDue {
            refusedJoins = 0
            expiredLeases = 0
            lastReport = now
        }
        return events
    }
}
