import GRDB
import HuanjuRuntime
import HuanjuWire

extension BillingStore {
    /// The values `huanju.metrics.v1.Metrics/Get` reports: the outbox backlog to activation,
    /// accounts, orders, applications and tickets waiting for an operator, and the storage's
    /// own gauges. A few COUNTs on a reader at scrape time (asynchronously: no thread waits for the database); only the storage's if the
    /// database cannot be read.
    func gauges() async -> [Gauge] {
        let counts = try? await database.read { db -> [Int] in
            try [
                "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL",
                "SELECT COUNT(*) FROM accounts",
                "SELECT COUNT(*) FROM orders",
                """
                SELECT COUNT(*) FROM applications a WHERE a.status = 'PENDING'
                AND a.application_id = (SELECT MAX(application_id) FROM applications WHERE account_id = a.account_id)
                """,
                "SELECT COUNT(*) FROM expansion_tickets WHERE state = 'PENDING_REVIEW'",
            ].map { try Int.fetchOne(db, sql: $0) ?? 0 }
        }
        guard let counts, counts.count == 5 else { return ServiceDatabase.gauges() }
        return [
            Gauge("huanju_outbox_backlog", help: "Outbox messages to activation not yet acknowledged.", value: Double(counts[0])),
            Gauge("huanju_billing_accounts", help: "Accounts registered.", kind: .counter, value: Double(counts[1])),
            Gauge("huanju_billing_orders", help: "Orders placed.", kind: .counter, value: Double(counts[2])),
            Gauge("huanju_billing_pending_applications", help: "Applications waiting for an operator's decision.",
                  value: Double(counts[3])),
            Gauge("huanju_billing_tickets_pending_review", help: "Expansion tickets waiting for an operator's review.",
                  value: Double(counts[4])),
        ] + ServiceDatabase.gauges()
    }
}
