/// A broadcast's radar totals (RULES §9), always over every viewer, trial or not.
public struct BroadcastTotals: Sendable, Hashable, Codable {
    /// When the broadcast started.
    public let start: Instant
    /// When it ended; nil while live.
    public let end: Instant?
    /// The most viewers present at once.
    public let peakConcurrent: Int
    /// Distinct viewers who joined.
    public let uniqueViewers: Int
    /// Watch time summed over every viewer.
    public let totalWatchTime: TimeSpan

    /// Totals with the given fields.
    public init(start: Instant, end: Instant?, peakConcurrent: Int, uniqueViewers: Int, totalWatchTime: TimeSpan) {
        self.start = start
        self.end = end
        self.peakConcurrent = peakConcurrent
        self.uniqueViewers = uniqueViewers
        self.totalWatchTime = totalWatchTime
    }

    /// Totals whose unique viewers and total watch time are computed from `viewers`.
    public init(start: Instant, end: Instant?, peakConcurrent: Int, viewers: [ViewerStats]) {
        self.init(
            start: start, end: end, peakConcurrent: peakConcurrent,
            uniqueViewers: Set(viewers.map(\.viewerID)).count,
            totalWatchTime: viewers.reduce(.zero) { $0 + $1.watchTime })
    }
}
