import GRDB
import HuanjuRuntime

extension ActivationStore {
    /// How the outbox to billing stands, as operators see it (`Outbox.report`).
    func outboxReport() async throws -> Outbox.Report {
        try await database.read { db in try Outbox.report(db) }
    }
}
