import HuanjuDomain
import HuanjuWire

/// `huanju.billing.v1.ExpansionApplied`: an operator applied a paid expansion.
public struct ExpansionApplied: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ExpansionApplied"
    public var ticketId: String
    public var codeId: String
    public var groups: UInt32
    public var appliedAtMs: Instant

    public init(ticketId: String, codeId: String, groups: UInt32, appliedAtMs: Instant) {
        self.ticketId = ticketId
        self.codeId = codeId
        self.groups = groups
        self.appliedAtMs = appliedAtMs
    }
}

/// `huanju.billing.v1.ActivationEvent`: what activation's outbox tells billing.
public struct ActivationEvent: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ActivationEvent"
    public var eventId: String
    public var accountId: String
    public var occurredAtMs: Instant
    public var expansionApplied: ExpansionApplied?

    public init(eventId: String, accountId: String, occurredAtMs: Instant, expansionApplied: ExpansionApplied? = nil) {
        self.eventId = eventId
        self.accountId = accountId
        self.occurredAtMs = occurredAtMs
        self.expansionApplied = expansionApplied
    }
}

/// `huanju.billing.v1.ActivationEventAck`.
public struct ActivationEventAck: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ActivationEventAck"
    public var appliedNow: Bool

    public init(appliedNow: Bool) {
        self.appliedNow = appliedNow
    }
}
