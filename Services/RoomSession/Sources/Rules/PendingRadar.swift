import HuanjuDomain

/// Radar changes drained from the engine and not yet written: one `RoomFlush` per room,
/// later drains merged over earlier ones, so that a write that fails (a full disk) loses
/// nothing and is retried with the next batch, and the backlog stays bounded by the number of
/// viewers rather than the number of drains.
struct PendingRadar: Sendable {
    /// The rooms to write, by broadcast id.
    private(set) var rooms: [String: RoomFlush] = [:]

    /// Whether nothing waits to be written.
    var isEmpty: Bool { rooms.isEmpty }

    /// Merges one room's drained changes; `endCause` names the end when the room has ended.
    mutating func merge(_ changes: RoomChanges, endCause: BroadcastEndCause?) {
        let id = changes.room.roomID
        var flush = rooms[id] ?? RoomFlush(
            broadcastID: id, hardEnd: changes.room.hardEnd, totals: changes.totals, endedAt: nil, endCause: nil,
            viewers: [:])
        flush.hardEnd = changes.room.hardEnd
        flush.totals = changes.totals
        if let endedAt = changes.room.endedAt, let endCause {
            flush.endedAt = endedAt
            flush.endCause = endCause
        }
        for viewer in changes.viewers { flush.viewers[viewer.viewerID] = viewer }
        rooms[id] = flush
    }

    /// Forgets everything (after a successful write).
    mutating func removeAll() {
        rooms = [:]
    }
}
