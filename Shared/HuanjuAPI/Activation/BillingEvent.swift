import HuanjuDomain
import HuanjuWire

/// `huanju.activation.v1.FeeTerm`: one annual-fee term, end exclusive.
public struct FeeTermMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.FeeTerm"
    public var startMs: Instant
    public var endMs: Instant

    public init(startMs: Instant, endMs: Instant) {
        self.startMs = startMs
        self.endMs = endMs
    }
}

/// `huanju.activation.v1.FeeTermsChanged`: the account's whole schedule after a change.
public struct FeeTermsChanged: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.FeeTermsChanged"
    public var terms: [FeeTermMessage]

    public init(terms: [FeeTermMessage]) {
        self.terms = terms
    }
}

/// `huanju.activation.v1.CodesOrdered`: codes to issue for an order.
public struct CodesOrdered: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.CodesOrdered"
    public var orderId: String
    public var kind: CodeKindMessage
    public var quantity: UInt32
    public var addonGroupsPerCode: UInt32
    public var issuedAtMs: Instant
    public var gift: Bool

    public init(orderId: String, kind: CodeKindMessage, quantity: UInt32, addonGroupsPerCode: UInt32, issuedAtMs: Instant, gift: Bool) {
        self.orderId = orderId
        self.kind = kind
        self.quantity = quantity
        self.addonGroupsPerCode = addonGroupsPerCode
        self.issuedAtMs = issuedAtMs
        self.gift = gift
    }
}

/// `huanju.activation.v1.ExpansionPaid`: a paid expansion waiting for an operator.
public struct ExpansionPaid: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ExpansionPaid"
    public var ticketId: String
    public var codeId: String
    public var groups: UInt32
    public var paidAtMs: Instant

    public init(ticketId: String, codeId: String, groups: UInt32, paidAtMs: Instant) {
        self.ticketId = ticketId
        self.codeId = codeId
        self.groups = groups
        self.paidAtMs = paidAtMs
    }
}

/// `huanju.activation.v1.BillingEvent`: what billing's outbox tells activation. Exactly
/// one of the three events is set.
public struct BillingEvent: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.BillingEvent"
    public var eventId: String
    public var accountId: String
    public var occurredAtMs: Instant
    public var feeTermsChanged: FeeTermsChanged?
    public var codesOrdered: CodesOrdered?
    public var expansionPaid: ExpansionPaid?

    public init(eventId: String, accountId: String, occurredAtMs: Instant, feeTermsChanged: FeeTermsChanged? = nil,
                codesOrdered: CodesOrdered? = nil, expansionPaid: ExpansionPaid? = nil) {
        self.eventId = eventId
        self.accountId = accountId
        self.occurredAtMs = occurredAtMs
        self.feeTermsChanged = feeTermsChanged
        self.codesOrdered = codesOrdered
        self.expansionPaid = expansionPaid
    }
}

/// `huanju.activation.v1.BillingEventAck`.
public struct BillingEventAck: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.BillingEventAck"
    /// False when the event had been applied before.
    public var appliedNow: Bool

    public init(appliedNow: Bool) {
        self.appliedNow = appliedNow
    }
}
