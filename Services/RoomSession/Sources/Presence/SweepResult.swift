/// What one `PresenceEngine.sweep(now:)` found: the rooms that ended by their hard end (to be
/// persisted) and the gauges the service reports as metrics.
public struct SweepResult: Sendable, Hashable {
    /// Rooms that reached their hard end since the previous sweep, whichever call noticed it.
    public let endedRooms: [RoomSnapshot]
    /// Rooms still live after the sweep.
    public let liveRooms: Int
    /// Viewers present in live rooms after the sweep.
    public let presentViewers: Int
    /// Rooms' viewer events worth reporting now.
    public let viewerEvents: [ViewerEvents]

    /// A result with the given fields.
    public init(endedRooms: [RoomSnapshot], liveRooms: Int, presentViewers: Int, viewerEvents: [ViewerEvents] = []) {
        self.endedRooms = endedRooms
        self.liveRooms = liveRooms
        self.presentViewers = presentViewers
        self.viewerEvents = viewerEvents
    }
}
