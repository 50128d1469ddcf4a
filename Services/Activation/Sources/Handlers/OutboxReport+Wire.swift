import HuanjuAPI
import HuanjuRuntime

extension ActivationV1.OutboxStatus {
    /// The wire form of the outbox (to billing and to room-session) as operators see it. The oldest waiting
    /// message gives `oldest_undelivered_at_ms` and `last_error`.
    init(_ report: Outbox.Report) {
        let oldest = report.waiting.first
        self.init(
            backlog: UInt32(clamping: report.backlog), delivered: UInt64(clamping: report.delivered),
            waiting: report.waiting.map(ActivationV1.OutboxMessage.init), recent: report.recent.map(ActivationV1.OutboxMessage.init),
            oldestUndeliveredAtMs: oldest?.createdAt.unixMilliseconds ?? 0, lastError: oldest?.lastError ?? "",
            parked: UInt32(clamping: report.parked))
    }
}

extension ActivationV1.OutboxMessage {
    /// The wire form of one outbox message.
    init(_ entry: Outbox.Report.Entry) {
        self.init(
            sequence: entry.sequence, messageID: entry.messageID, method: entry.method,
            createdAtMs: entry.createdAt.unixMilliseconds, attempts: UInt32(clamping: entry.attempts),
            lastError: entry.lastError ?? "", deliveredAtMs: entry.deliveredAt?.unixMilliseconds ?? 0,
            partition: entry.partition, parked: entry.parked, destination: OutboxDestination.name(entry.destination))
    }
}
