import GRDB
import HuanjuDomain
import HuanjuRuntime

extension ActivationStore {
    /// Records a room-session event in the account's feed exactly once: its id is claimed in
    /// the inbox in the same transaction. Returns false for a redelivery.
    func apply(_ change: SessionChange, receivedAt now: Instant) async throws -> Bool {
        try await database.write { db in
            guard try Inbox.claim(db, messageID: "session:\(change.eventID)", at: now) else { return false }
            try Self.recordClockEvents(db, through: change.occurredAt - .milliseconds(1), at: now)
            let masked = try Self.maskedCode(db, id: change.codeID, ofAccount: change.accountID)
            try Self.record(db, change.feedEntry(codeMasked: masked), at: now)
            return true
        }
    }
}
