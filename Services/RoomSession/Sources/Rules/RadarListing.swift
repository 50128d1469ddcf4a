import HuanjuDomain
import HuanjuRuntime

/// The data radar as a listing (RULES §9): every viewer ranked by watch time, longest first,
/// then earlier first join, then smaller viewer id (`Radar.ranksBefore`); a paid broadcast
/// lists every viewer, a trial its top 2 only. Live radars (from the engine) and ended ones
/// (from the database) are listed alike.
///
/// Paged like every listing (`PageRequest`): a token is the position of the last viewer of
/// the previous page (`PagePosition(key: watch ms, secondKey: first join ms, id: viewer id)`)
/// and the next page lists the viewers ranked after that position. A token must name a viewer
/// of this radar with that first join (a live viewer's watch time grows between pages, so the
/// position's watch time is taken as issued). A trial's two lines are one page whatever the
/// page size: it never has a next page, and any token is refused.
struct RadarListing: Sendable {
    /// Paid or trial.
    let kind: BroadcastKind
    /// The listed viewers, best first.
    let ranked: [ViewerStats]

    /// The listing of `viewers` (unranked) for a broadcast of `kind`.
    init(kind: BroadcastKind, viewers: [ViewerStats]) {
        self.kind = kind
        let ranked = Radar.ranked(viewers)
        self.ranked = kind == .trial ? Array(ranked.prefix(BroadcastRules.trialRadarTop)) : ranked
    }

    /// The page `request` asks for.
    ///
    /// - Throws: `invalidArgument` for a token that names no viewer of this listing (any
    ///   token, for a trial).
    func page(_ request: PageRequest) throws(DomainError) -> PageOf<RankedViewer> {
        let size = kind == .trial ? BroadcastRules.trialRadarTop : request.size
        var start = 0
        if let after = request.after {
            try request.check(issued: kind == .paid && names(after))
            let last = ViewerStats(
                viewerID: after.id, firstJoin: Instant(unixMilliseconds: after.secondKey),
                lastSeen: Instant(unixMilliseconds: after.secondKey), visits: 0, watchTime: .milliseconds(after.key))
            start = ranked.firstIndex { Radar.ranksBefore(last, $0) } ?? ranked.count
        }
        let fetched = ranked[start..<min(ranked.count, start + size + 1)].enumerated().map { offset, stats in
            RankedViewer(rank: start + offset + 1, stats: stats)
        }
        return PageOf(fetched: fetched, size: size) { Self.position(of: $0) }
    }

    /// Where a page ending with `viewer` stopped.
    static func position(of viewer: RankedViewer) -> PagePosition {
        PagePosition(
            key: viewer.stats.watchTime.milliseconds, secondKey: viewer.stats.firstJoin.unixMilliseconds,
            id: viewer.stats.viewerID)
    }

    /// Whether `position` names a listed viewer, with that viewer's first join.
    private func names(_ position: PagePosition) -> Bool {
        ranked.contains { $0.viewerID == position.id && $0.firstJoin.unixMilliseconds == position.secondKey }
    }
}
