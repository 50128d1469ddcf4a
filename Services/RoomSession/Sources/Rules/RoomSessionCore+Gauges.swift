import HuanjuRuntime
import HuanjuWire

extension RoomSessionCore {
    /// The service's gauges, as of the last sweep (at most ~500 ms old).
    public func gauges() -> [Gauge] {
        let (liveRooms, presentViewers) = lastSweep.withLock { $0 }
        return [
            Gauge("huanju_live_broadcasts", help: "Broadcasts live now.", value: Double(liveRooms)),
            Gauge("huanju_present_viewers", help: "Viewers present in live broadcasts.", value: Double(presentViewers)),
        ] + ServiceDatabase.gauges()
    }
}
