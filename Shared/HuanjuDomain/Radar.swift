/// Ranking and paging of the data radar (数据雷达, RULES §9).
///
/// Viewers are ranked by total watch time, longest first; ties go to the earlier first join,
/// then (for a deterministic order) to the smaller viewer id. Paid broadcasts list every
/// viewer, paged; trial broadcasts list only the top 2. Totals always cover every viewer.
public enum Radar {
    /// The largest page a caller may ask for.
    public static let maxPageSize = 500
    /// The page size when a caller does not choose.
    public static let defaultPageSize = 50

    /// Whether `a` ranks before `b`.
    public static func ranksBefore(_ a: ViewerStats, _ b: ViewerStats) -> Bool {
        if a.watchTime != b.watchTime { return a.watchTime > b.watchTime }
        if a.firstJoin != b.firstJoin { return a.firstJoin < b.firstJoin }
        return a.viewerID < b.viewerID
    }

    /// `viewers` in rank order.
    public static func ranked(_ viewers: [ViewerStats]) -> [ViewerStats] {
        viewers.sorted(by: ranksBefore)
    }

    /// One page of the radar.
    ///
    /// - Parameters:
    ///   - offset: how many listed viewers to skip (0 for the first page; then `nextOffset`).
    ///   - pageSize: 1…500 entries.
    /// - Throws: `invalidArgument` for a negative offset or a page size out of range.
    public static func page(
        of viewers: [ViewerStats], totals: BroadcastTotals, kind: BroadcastKind,
        offset: Int = 0, pageSize: Int = defaultPageSize
    ) throws(DomainError) -> RadarPage {
        guard offset >= 0 else { throw .invalidArgument("radar page offset must not be negative (got \(offset))") }
        guard (1...maxPageSize).contains(pageSize) else {
            throw .invalidArgument("radar page size must be between 1 and \(maxPageSize) (got \(pageSize))")
        }
        var listed = ranked(viewers)
        if kind == .trial { listed = Array(listed.prefix(BroadcastRules.trialRadarTop)) }
        let start = min(offset, listed.count)
        let end = start + min(pageSize, listed.count - start)
        return RadarPage(
            kind: kind, entries: Array(listed[start..<end]), firstRank: start + 1, listedViewers: listed.count,
            nextOffset: end < listed.count ? end : nil, totals: totals)
    }
}
