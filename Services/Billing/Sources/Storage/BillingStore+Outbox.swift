import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime

/// The outbox to activation: what a purchase queues, and what operators see of it.
extension BillingStore {
    /// The outbox as operators see it (`Outbox.report`: backlog, parked messages, the oldest
    /// waiting and the latest delivered).
    func outboxReport() async throws -> Outbox.Report {
        try await database.read { db in try Outbox.report(db) }
    }

    /// Queues `change` for activation's `DeliverBillingEvent`, in the account's partition;
    /// call inside the transaction that makes the change.
    static func enqueue(_ db: Database, _ change: BillingChange) throws {
        try Outbox.enqueue(
            db, messageID: change.eventID, partition: change.accountID,
            method: ActivationV1.ActivationService.Method.deliverBillingEvent.name,
            payload: ActivationV1.BillingEvent(change).serializedBytes(), at: change.occurredAt)
    }
}
