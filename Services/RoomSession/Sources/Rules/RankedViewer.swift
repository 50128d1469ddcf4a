import HuanjuDomain

/// One line of the data radar: a viewer's stats and its rank (1-based) among the listed viewers.
struct RankedViewer: Sendable, Hashable {
    /// 1 for the longest watcher.
    let rank: Int
    /// The viewer's stats.
    let stats: ViewerStats
}
