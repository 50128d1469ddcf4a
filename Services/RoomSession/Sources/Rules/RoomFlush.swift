import HuanjuDomain

/// What a flush persists of one room: its totals, hard end and end (if it ended), and the
/// stats of the viewers that changed since the previous successful flush.
struct RoomFlush: Sendable {
    /// The broadcast id.
    let broadcastID: String
    /// The hard end as known now.
    var hardEnd: Instant
    /// The radar totals.
    var totals: BroadcastTotals
    /// When it ended; nil while live.
    var endedAt: Instant?
    /// Why it ended; nil while live.
    var endCause: BroadcastEndCause?
    /// Changed viewers, by id (a later change replaces an earlier one).
    var viewers: [String: ViewerStats]

    /// Whether the room had ended at the drain (its flush is then its last).
    var isEnded: Bool { endedAt != nil }
}
