import HuanjuDomain
import HuanjuWire

/// `huanju.activation.v1.ExpansionState`.
public enum ExpansionStateMessage: Int32, Codable, Sendable {
    case unspecified = 0
    /// Paid, waiting for an operator's ApplyExpansion.
    case pending = 1
    /// Applied: the code's capacity includes it.
    case applied = 2
}

/// `huanju.activation.v1.Expansion`: one expansion ticket as activation knows it.
public struct ExpansionMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.Expansion"
    public var ticketId: String
    public var codeId: String
    public var accountId: String
    /// Groups of 100 viewers.
    public var groups: UInt32
    public var state: ExpansionStateMessage
    public var paidAtMs: Instant
    /// Zero while pending.
    public var appliedAtMs: Instant

    public init(ticketId: String, codeId: String, accountId: String, groups: UInt32, state: ExpansionStateMessage,
                paidAtMs: Instant, appliedAtMs: Instant = Instant(unixMilliseconds: 0)) {
        self.ticketId = ticketId
        self.codeId = codeId
        self.accountId = accountId
        self.groups = groups
        self.state = state
        self.paidAtMs = paidAtMs
        self.appliedAtMs = appliedAtMs
    }
}
