import HuanjuAPI

/// A message as every service's outbox status lists it (the generated `OutboxMessage` of
/// billing, activation and room-session have these fields, of these types).
protocol ListedOutboxMessage {
    var sequence: Int64 { get }
    var messageID: String { get }
    /// The account whose messages are delivered in order.
    var partition: String { get }
    var createdAtMs: Int64 { get }
    var attempts: UInt32 { get }
    /// 0 while waiting.
    var deliveredAtMs: Int64 { get }
    var lastError: String { get }
    var parked: Bool { get }
}

/// A service's outbox status (the generated `OutboxStatus` of each service).
protocol OutboxListing {
    associatedtype Message: ListedOutboxMessage
    var backlog: UInt32 { get }
    var delivered: UInt64 { get }
    var parked: UInt32 { get }
    var oldestUndeliveredAtMs: Int64 { get }
    var lastError: String { get }
    var waiting: [Message] { get }
    var recent: [Message] { get }
}

extension BillingV1.OutboxMessage: ListedOutboxMessage {}
extension BillingV1.OutboxStatus: OutboxListing {}
extension ActivationV1.OutboxMessage: ListedOutboxMessage {}
extension ActivationV1.OutboxStatus: OutboxListing {}
extension SessionV1.OutboxMessage: ListedOutboxMessage {}
extension SessionV1.OutboxStatus: OutboxListing {}

/// One way to print a service's outbox status: `billing outbox`, `activation outbox`,
/// `room-session outbox`.
enum OutboxFormatting {
    static func print(_ status: some OutboxListing) {
        Output.fields([
            ("Waiting", "\(status.backlog)"), ("Delivered", "\(status.delivered)"), ("Parked", "\(status.parked)"),
            ("Oldest waiting since", ActivationFormatting.instant(status.oldestUndeliveredAtMs)),
            ("Last error", status.lastError.isEmpty ? "-" : status.lastError),
        ])
        for (title, messages) in [("Waiting (oldest first)", status.waiting), ("Recently delivered", status.recent)]
        where !messages.isEmpty {
            Swift.print("\n\(title):")
            Output.table(["SEQ", "MESSAGE ID", "ACCOUNT", "CREATED", "ATTEMPTS", "DELIVERED", "LAST ERROR"], messages.map {
                ["\($0.sequence)", $0.messageID + ($0.parked ? " (parked)" : ""), $0.partition,
                 ActivationFormatting.instant($0.createdAtMs), "\($0.attempts)", ActivationFormatting.instant($0.deliveredAtMs),
                 $0.lastError.isEmpty ? "-" : $0.lastError]
            })
        }
    }
}
