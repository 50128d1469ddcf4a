import HuanjuAPI
import HuanjuDomain

extension ActivationV1.Webhook {
    /// The wire form of an endpoint and its delivery state. Never the secret.
    init(_ stored: StoredWebhook) {
        let record = stored.record
        self.init(
            accountID: record.accountID, url: record.url, createdAtMs: record.createdAt.unixMilliseconds,
            updatedAtMs: record.updatedAt.unixMilliseconds, deliveredThrough: FeedCursor.text(record.deliveredThrough),
            backlog: UInt32(clamping: stored.backlog), delivered: UInt64(clamping: record.delivered),
            attempts: UInt32(clamping: record.attempts), lastAttemptAtMs: record.lastAttemptAt?.unixMilliseconds ?? 0,
            lastHTTPStatus: UInt32(clamping: record.lastHTTPStatus ?? 0), lastError: record.lastError ?? "",
            nextAttemptAtMs: record.nextAttemptAt?.unixMilliseconds ?? 0,
            lastDeliveredAtMs: record.lastDeliveredAt?.unixMilliseconds ?? 0, nextEventID: stored.next?.eventID ?? "")
    }
}

extension ActivationV1.WebhookStatus {
    /// The wire form of the operators' report.
    init(_ report: WebhookReport) {
        self.init(
            endpoints: UInt32(clamping: report.endpoints), backlog: UInt32(clamping: report.backlog),
            failing: UInt32(clamping: report.failing), webhooks: report.listed.map(ActivationV1.Webhook.init),
            oldestUndeliveredAtMs: report.oldestWaiting?.unixMilliseconds ?? 0)
    }
}
