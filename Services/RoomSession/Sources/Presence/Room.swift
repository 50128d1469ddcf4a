import Synchronization

/// A live or finished room: its state behind its own lock, held only for the few operations of
/// one call (never across I/O), so rooms never wait for each other.
final class Room: Sendable {
    /// The room (broadcast) id.
    let id: String
    /// The room's presence and radar counters.
    let state: Mutex<RoomState>

    /// A room holding `state`.
    init(_ state: RoomState) {
        id = state.id
        self.state = Mutex(state)
    }
}
