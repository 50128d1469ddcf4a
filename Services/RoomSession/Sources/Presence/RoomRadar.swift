import HuanjuDomain

/// A room's data radar at one instant (RULES §9): totals over every viewer and every viewer's
/// stats, unranked; `page(offset:pageSize:)` ranks, pages and (for a trial) redacts them.
public struct RoomRadar: Sendable, Hashable {
    /// Paid (every viewer listed) or trial (top 2 listed).
    public let kind: BroadcastKind
    /// Totals over every viewer, whatever is listed.
    public let totals: BroadcastTotals
    /// Every viewer who was admitted, in first-join order.
    public let viewers: [ViewerStats]

    /// A radar with the given fields.
    public init(kind: BroadcastKind, totals: BroadcastTotals, viewers: [ViewerStats]) {
        self.kind = kind
        self.totals = totals
        self.viewers = viewers
    }

    /// One page, as `Radar.page` ranks and redacts it.
    ///
    /// - Throws: `invalidArgument` for a negative offset or a page size outside 1…500.
    public func page(offset: Int = 0, pageSize: Int = Radar.defaultPageSize) throws(DomainError) -> RadarPage {
        try Radar.page(of: viewers, totals: totals, kind: kind, offset: offset, pageSize: pageSize)
    }
}
