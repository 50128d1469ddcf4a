import HuanjuDomain

/// A broadcast as it stands now: its stored record, overlaid with its room's state when the
/// engine still has the room (present and peak viewers, hard end, end). What GetBroadcast,
/// EndBroadcast, ListBroadcasts and the radar answer with.
struct CurrentBroadcast: Sendable, Hashable {
    /// The broadcast as last persisted.
    let record: BroadcastRecord
    /// False once it ended, whether the database or the engine says so.
    let isLive: Bool
    /// When it ends by itself at the latest, as known now.
    let hardEnd: Instant
    /// When it ended; nil while live.
    let endedAt: Instant?
    /// Why it ended; nil while live (or, briefly, when the cause is not known yet).
    let endCause: BroadcastEndCause?
    /// Viewers present now (0 once its room left the engine).
    let presentViewers: Int
    /// The most viewers present at once.
    let peakViewers: Int

    /// `record` alone: its room is not in the engine.
    init(stored record: BroadcastRecord) {
        self.record = record
        isLive = record.isLive
        hardEnd = record.hardEndAt
        endedAt = record.endedAt
        endCause = record.endReason
        presentViewers = 0
        peakViewers = record.peakViewers
    }

    /// `record` overlaid with its room's `snapshot`; a persisted end wins over the engine's,
    /// and `engineEndCause` names the engine's end when the record has none.
    init(_ record: BroadcastRecord, room snapshot: RoomSnapshot, engineEndCause: BroadcastEndCause?) {
        self.record = record
        isLive = record.isLive && !snapshot.isEnded
        hardEnd = snapshot.hardEnd
        endedAt = record.endedAt ?? snapshot.endedAt
        endCause = record.endReason ?? (snapshot.isEnded ? engineEndCause : nil)
        presentViewers = snapshot.presentCount
        peakViewers = max(snapshot.peakConcurrent, record.peakViewers)
    }
}
