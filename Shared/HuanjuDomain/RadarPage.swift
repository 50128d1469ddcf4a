/// One page of a broadcast's data radar: ranked viewers plus the totals.
public struct RadarPage: Sendable, Hashable, Codable {
    /// Paid (every viewer, paged) or trial (top 2 only).
    public let kind: BroadcastKind
    /// The viewers on this page, best first.
    public let entries: [ViewerStats]
    /// The rank (1-based) of the first entry.
    public let firstRank: Int
    /// How many viewers the radar lists in all (for a trial, at most 2).
    public let listedViewers: Int
    /// The offset of the next page; nil on the last page.
    public let nextOffset: Int?
    /// Totals over every viewer, whatever is listed.
    public let totals: BroadcastTotals

    /// A page with the given fields.
    public init(
        kind: BroadcastKind, entries: [ViewerStats], firstRank: Int, listedViewers: Int, nextOffset: Int?,
        totals: BroadcastTotals
    ) {
        self.kind = kind
        self.entries = entries
        self.firstRank = firstRank
        self.listedViewers = listedViewers
        self.nextOffset = nextOffset
        self.totals = totals
    }
}
