import HuanjuDomain

/// What a flush persists of one room: its totals, hard end and end (if it ended), and the
/// lines of (some of) the viewers that changed since they were last drained.
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
    /// Changed viewers, each once.
    var viewers: [ViewerChange]
    /// Whether this holds every change the room had when it was drained.
    var isComplete = true

    /// Whether the room had ended at the drain and this is its last flush.
    var isFinal: Bool { endedAt != nil && isComplete }
}

extension RoomFlush {
    /// The flush of one room's drained changes; `endCause` names the end when it has ended.
    init(_ changes: RoomChanges, endCause: BroadcastEndCause?) {
        let ended = changes.room.endedAt.flatMap { endedAt in endCause.map { (endedAt, $0) } }
        self.init(
            broadcastID: changes.room.roomID, hardEnd: changes.room.hardEnd, totals: changes.totals, endedAt: ended?.0,
            endCause: ended?.1, viewers: changes.viewers, isComplete: changes.isComplete)
    }
}
