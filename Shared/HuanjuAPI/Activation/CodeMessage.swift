import HuanjuDomain
import HuanjuWire

/// `huanju.activation.v1.CodeBinding`: whom a code is bound to.
public struct CodeBindingMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.CodeBinding"
    public var deviceId: String
    public var wechatOpenid: String
    public var boundAtMs: Instant

    public init(deviceId: String, wechatOpenid: String, boundAtMs: Instant) {
        self.deviceId = deviceId
        self.wechatOpenid = wechatOpenid
        self.boundAtMs = boundAtMs
    }
}

/// `huanju.activation.v1.Code`: an activation code with its status at `statusAtMs`.
///
/// `code` is the full secret for the owning account only; `codeMasked` is safe anywhere.
public struct CodeMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.Code"
    public var codeId: String
    public var accountId: String
    public var kind: CodeKindMessage
    public var status: CodeStatusMessage
    /// Base viewers + 100 × (add-on groups + applied expansion groups).
    public var capacity: UInt32
    public var addonGroups: UInt32
    public var expansionGroups: UInt32
    public var issuedAtMs: Instant
    /// Must be bound strictly before this.
    public var bindDeadlineMs: Instant
    /// Nil while unbound.
    public var binding: CodeBindingMessage?
    /// Validity end (exclusive); zero while unbound.
    public var validUntilMs: Instant
    /// The full secret, `HJ-XXXXX-…`; empty when the caller is not the owner.
    public var code: String
    /// `HJ-…-XC`.
    public var codeMasked: String
    public var orderId: String
    public var gift: Bool
    /// Pending and applied expansions, oldest first.
    public var expansions: [ExpansionMessage]
    /// The instant `status` was computed at.
    public var statusAtMs: Instant

    public init(codeId: String, accountId: String, kind: CodeKindMessage, status: CodeStatusMessage, capacity: UInt32,
                addonGroups: UInt32, expansionGroups: UInt32, issuedAtMs: Instant, bindDeadlineMs: Instant,
                binding: CodeBindingMessage?, validUntilMs: Instant, code: String, codeMasked: String, orderId: String,
                gift: Bool, expansions: [ExpansionMessage], statusAtMs: Instant) {
        self.codeId = codeId
        self.accountId = accountId
        self.kind = kind
        self.status = status
        self.capacity = capacity
        self.addonGroups = addonGroups
        self.expansionGroups = expansionGroups
        self.issuedAtMs = issuedAtMs
        self.bindDeadlineMs = bindDeadlineMs
        self.binding = binding
        self.validUntilMs = validUntilMs
        self.code = code
        self.codeMasked = codeMasked
        self.orderId = orderId
        self.gift = gift
        self.expansions = expansions
        self.statusAtMs = statusAtMs
    }
}
