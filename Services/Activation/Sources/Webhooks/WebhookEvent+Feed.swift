import HuanjuRuntime

extension WebhookEvent {
    /// A stored feed event as a webhook sends it.
    ///
    /// - Throws: `StoredDataError` for a kind the service never writes.
    init(_ record: FeedEventRecord) throws {
        guard let kind = FeedEventKind(rawValue: record.kind) else {
            throw StoredDataError.unexpected(record.kind, in: "feed_events.kind")
        }
        self.init(
            id: record.eventID, type: kind.webhookType, accountID: record.accountID,
            cursor: FeedCursor.text(record.sequence ?? 0), occurredAt: record.occurredAt, recordedAt: record.recordedAt,
            codeID: record.codeID ?? "", codeMasked: record.codeMasked ?? "", ticketID: record.ticketID ?? "",
            orderID: record.orderID ?? "", broadcastID: record.broadcastID ?? "", deadline: record.deadlineAt, daysLeft: record.daysLeft ?? 0, text: record.text)
    }
}
