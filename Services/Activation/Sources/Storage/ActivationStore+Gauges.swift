import GRDB
import HuanjuRuntime
import HuanjuWire

extension ActivationStore {
    /// The values `huanju.metrics.v1.Metrics/Get` reports: the outbox backlog to billing,
    /// codes issued and bound, and paid expansions waiting for an operator. A few indexed
    /// COUNTs on a WAL reader, run at scrape time (asynchronously: no thread waits for the database); empty if the database cannot be read.
    func gauges() async -> [Gauge] {
        let counts = try? await database.read { db -> [Int] in
            try [
                "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL",
                "SELECT COUNT(*) FROM codes",
                "SELECT COUNT(*) FROM codes WHERE bound_at IS NOT NULL",
                "SELECT COUNT(*) FROM expansions WHERE applied_at IS NULL",
            ].map { try Int.fetchOne(db, sql: $0) ?? 0 }
        }
        guard let counts, counts.count == 4 else { return ServiceDatabase.gauges() }
        return [
            Gauge("huanju_outbox_backlog", help: "Outbox messages to billing not yet acknowledged.", value: Double(counts[0])),
            Gauge("huanju_activation_codes_issued", help: "Activation codes issued.", kind: .counter, value: Double(counts[1])),
            Gauge("huanju_activation_codes_bound", help: "Activation codes bound.", kind: .counter, value: Double(counts[2])),
            Gauge("huanju_activation_pending_expansions", help: "Paid expansions waiting for an operator.",
                  value: Double(counts[3])),
        ] + ServiceDatabase.gauges()
    }
}
