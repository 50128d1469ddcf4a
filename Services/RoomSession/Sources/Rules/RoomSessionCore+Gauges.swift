import HuanjuRuntime
import HuanjuWire

extension RoomSessionCore {
    /// The service's gauges, as of the last sweep (at most ~500 ms old) and, for the outbox, of
    /// the last flush (at most ~5 s old).
    public func gauges() -> [Gauge] {
        let (liveRooms, presentViewers) = lastSweep.withLock { $0 }
        let backlog = outboxBacklog.withLock { $0 }
        return [
            Gauge("huanju_outbox_backlog",
                  help: "Outbox messages to activation (paid broadcasts started and ended, for the feed) not yet acknowledged.",
                  value: Double(backlog)),
            Gauge("huanju_live_broadcasts", help: "Broadcasts live now.", value: Double(liveRooms)),
            Gauge("huanju_present_viewers", help: "Viewers present in live broadcasts.", value: Double(presentViewers)),
        ] + ServiceDatabase.gauges()
    }
}
