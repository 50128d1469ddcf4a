import GRDB
import HuanjuRuntime
import HuanjuWire

extension ActivationStore {
    /// The values `huanju.metrics.v1.Metrics/Get` reports: the outbox backlogs to billing and room-session,
    /// codes issued and bound, paid expansions waiting for an operator, and the webhooks
    /// (endpoints, events waiting for them, endpoints failing). A few indexed
    /// COUNTs on a WAL reader, run at scrape time (asynchronously: no thread waits for the
    /// database); only the runtime's own gauges if the database cannot be read.
    func gauges() async -> [Gauge] {
        let counts = try? await database.read { db in
            (backlog: try Outbox.backlog(db, destination: OutboxDestination.billing),
             roomSessionBacklog: try Outbox.backlog(db, destination: OutboxDestination.roomSession),
             issued: try CodeRecord.fetchCount(db),
             bound: try CodeRecord.filter(CodeRecord.Columns.boundAt != nil).fetchCount(db),
             pending: try ExpansionRecord.filter(ExpansionRecord.Columns.appliedAt == nil).fetchCount(db),
             webhooks: try WebhookRecord.fetchCount(db),
             webhooksFailing: try WebhookRecord.filter(sql: "attempts > 0").fetchCount(db),
             webhookBacklog: try Int.fetchOne(db, sql: """
                 SELECT COALESCE(SUM((SELECT COUNT(*) FROM feed_events f
                     WHERE f.account_id = w.account_id AND f.sequence > w.delivered_through)), 0) FROM webhooks w
                 """) ?? 0)
        }
        guard let counts else { return ServiceDatabase.gauges() }
        return [
            Gauge("huanju_outbox_backlog", help: "Outbox messages to billing not yet acknowledged.", value: Double(counts.backlog)),
            Gauge("huanju_outbox_room_session_backlog", help: "Outbox messages to room-session (fee-terms changes) not yet acknowledged.",
                  value: Double(counts.roomSessionBacklog)),
            Gauge("huanju_activation_codes_issued", help: "Activation codes issued.", kind: .counter, value: Double(counts.issued)),
            Gauge("huanju_activation_codes_bound", help: "Activation codes bound.", kind: .counter, value: Double(counts.bound)),
            Gauge("huanju_activation_pending_expansions", help: "Paid expansions waiting for an operator.",
                  value: Double(counts.pending)),
            Gauge("huanju_webhook_endpoints", help: "Webhook endpoints registered.", value: Double(counts.webhooks)),
            Gauge("huanju_webhook_backlog", help: "Feed events waiting for their account's webhook endpoint.",
                  value: Double(counts.webhookBacklog)),
            Gauge("huanju_webhook_endpoints_failing", help: "Webhook endpoints whose last attempt failed.",
                  value: Double(counts.webhooksFailing)),
        ] + ServiceDatabase.gauges()
    }
}
