import GRDB
import HuanjuRuntime

extension ActivationStore {
    /// How the outbox to `destination` (`OutboxDestination`) stands, as operators see it (`Outbox.report`).
    func outboxReport(to destination: String) async throws -> Outbox.Report {
        try await database.read { db in try Outbox.report(db, destination: destination) }
    }
}
