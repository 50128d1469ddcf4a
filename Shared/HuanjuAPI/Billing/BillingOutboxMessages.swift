import HuanjuDomain
import HuanjuWire

/// `huanju.billing.v1.GetOutboxStatusRequest`.
public struct BillingOutboxStatusRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.GetOutboxStatusRequest"
    public init() {}
}

/// `huanju.billing.v1.OutboxMessage`: one message of billing's outbox to activation.
public struct BillingOutboxMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.OutboxMessage"
    public var sequence: Int64
    public var messageId: String
    public var method: String
    public var createdAtMs: Instant
    public var attempts: UInt32
    public var lastError: String
    /// Zero while waiting.
    public var deliveredAtMs: Instant

    public init(sequence: Int64, messageId: String, method: String, createdAtMs: Instant, attempts: UInt32,
                lastError: String, deliveredAtMs: Instant) {
        self.sequence = sequence
        self.messageId = messageId
        self.method = method
        self.createdAtMs = createdAtMs
        self.attempts = attempts
        self.lastError = lastError
        self.deliveredAtMs = deliveredAtMs
    }
}

/// `huanju.billing.v1.OutboxStatus`: how far delivery to activation has got.
public struct BillingOutboxStatus: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.OutboxStatus"
    public var backlog: UInt32
    public var delivered: UInt64
    /// Zero when the backlog is empty.
    public var oldestUndeliveredAtMs: Instant
    /// The oldest waiting message's last failure, if any.
    public var lastError: String
    /// The oldest undelivered, at most 100.
    public var waiting: [BillingOutboxMessage]
    /// The latest delivered, at most 20, newest first.
    public var recent: [BillingOutboxMessage]

    public init(backlog: UInt32, delivered: UInt64, oldestUndeliveredAtMs: Instant, lastError: String,
                waiting: [BillingOutboxMessage], recent: [BillingOutboxMessage]) {
        self.backlog = backlog
        self.delivered = delivered
        self.oldestUndeliveredAtMs = oldestUndeliveredAtMs
        self.lastError = lastError
        self.waiting = waiting
        self.recent = recent
    }
}
