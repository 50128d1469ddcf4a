import HuanjuDomain
import HuanjuRuntime

/// What GetRadar answers: the broadcast now, the totals over every viewer, and one page of
/// the ranked viewers (a trial: its top 2, `isRedacted`).
struct RadarAnswer: Sendable {
    /// The broadcast as it stands.
    let broadcast: CurrentBroadcast
    /// Totals over every viewer, whatever is listed.
    let totals: BroadcastTotals
    /// The page of ranked viewers, and the token of the next ("" on the last).
    let page: PageOf<RankedViewer>
    /// Whether only the top 2 are listed (a trial).
    let isRedacted: Bool
}
