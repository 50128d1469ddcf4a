import HuanjuDomain
import HuanjuWire

/// `huanju.activation.v1.GetOutboxStatusRequest`.
public struct GetOutboxStatusRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.GetOutboxStatusRequest"

    public init() {}
}

/// `huanju.activation.v1.OutboxMessage`: one message of activation's outbox to billing.
public struct OutboxMessageInfo: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.OutboxMessage"
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

/// `huanju.activation.v1.OutboxStatus`: what waits for billing's acknowledgement.
public struct OutboxStatusMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.OutboxStatus"
    public var backlog: UInt32
    public var delivered: UInt64
    /// The oldest undelivered messages, at most 100.
    public var waiting: [OutboxMessageInfo]
    /// The latest delivered messages, at most 20, newest first.
    public var recent: [OutboxMessageInfo]

    public init(backlog: UInt32, delivered: UInt64, waiting: [OutboxMessageInfo], recent: [OutboxMessageInfo]) {
        self.backlog = backlog
        self.delivered = delivered
        self.waiting = waiting
        self.recent = recent
    }
}
