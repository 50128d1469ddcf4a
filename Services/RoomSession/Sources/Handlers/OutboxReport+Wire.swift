import HuanjuAPI
import HuanjuRuntime

/// The outbox on the wire: the runtime's `Outbox.Report` as `SessionV1.OutboxStatus`.
extension SessionV1.OutboxStatus {
    /// The report as operators read it; `last_error` is the oldest waiting message's.
    init(_ report: Outbox.Report) {
        self.init(
            backlog: UInt32(clamping: report.backlog), delivered: UInt64(clamping: report.delivered),
            oldestUndeliveredAtMs: report.waiting.first?.createdAt.unixMilliseconds ?? 0,
            lastError: report.waiting.first?.lastError ?? "",
            waiting: report.waiting.map(SessionV1.OutboxMessage.init), recent: report.recent.map(SessionV1.OutboxMessage.init),
            parked: UInt32(clamping: report.parked))
    }
}

extension SessionV1.OutboxMessage {
    /// One listed message, with its partition (account) and whether it is parked.
    init(_ entry: Outbox.Report.Entry) {
        self.init(
            sequence: entry.sequence, messageID: entry.messageID, method: entry.method,
            createdAtMs: entry.createdAt.unixMilliseconds, attempts: UInt32(clamping: entry.attempts),
            lastError: entry.lastError ?? "", deliveredAtMs: entry.deliveredAt?.unixMilliseconds ?? 0,
            partition: entry.partition, parked: entry.parked)
    }
}
