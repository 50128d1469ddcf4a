import HuanjuDomain

/// An account's webhook endpoint as read from the store, with what waits for it.
struct StoredWebhook: Sendable, Equatable {
    let record: WebhookRecord
    /// The account's events after `delivered_through`.
    let backlog: Int
    /// The event waiting first, if any: its id and when it was recorded.
    let next: (eventID: String, recordedAt: Instant)?

    var accountID: String { record.accountID }
    /// Whether its last attempt failed.
    var failing: Bool { record.attempts > 0 }

    static func == (lhs: StoredWebhook, rhs: StoredWebhook) -> Bool {
        lhs.record == rhs.record && lhs.backlog == rhs.backlog && lhs.next?.eventID == rhs.next?.eventID
            && lhs.next?.recordedAt == rhs.next?.recordedAt
    }
}
