import HuanjuDomain
import HuanjuWire

/// `huanju.billing.v1.ExpansionTicket`: a request to add groups of 100 viewers to a code.
public struct ExpansionTicketMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ExpansionTicket"
    public var ticketId: String
    public var accountId: String
    public var codeId: String
    public var groups: UInt32
    public var addedViewers: UInt32
    public var state: TicketStateMessage
    public var rejectionReason: String
    /// What paying costs.
    public var priceFen: Int64
    public var openedAtMs: Instant
    /// Zero before an operator decided.
    public var decidedAtMs: Instant
    /// Zero before it was paid.
    public var paidAtMs: Instant
    /// Zero before it was applied.
    public var appliedAtMs: Instant
    /// The payment order, once paid.
    public var orderId: String

    public init(ticketId: String, accountId: String, codeId: String, groups: UInt32, addedViewers: UInt32,
                state: TicketStateMessage, rejectionReason: String = "", priceFen: Int64, openedAtMs: Instant,
                decidedAtMs: Instant = Instant(unixMilliseconds: 0), paidAtMs: Instant = Instant(unixMilliseconds: 0),
                appliedAtMs: Instant = Instant(unixMilliseconds: 0), orderId: String = "") {
        self.ticketId = ticketId
        self.accountId = accountId
        self.codeId = codeId
        self.groups = groups
        self.addedViewers = addedViewers
        self.state = state
        self.rejectionReason = rejectionReason
        self.priceFen = priceFen
        self.openedAtMs = openedAtMs
        self.decidedAtMs = decidedAtMs
        self.paidAtMs = paidAtMs
        self.appliedAtMs = appliedAtMs
        self.orderId = orderId
    }
}

/// `huanju.billing.v1.OpenExpansionTicketRequest`.
public struct OpenExpansionTicketRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.OpenExpansionTicketRequest"
    public var codeId: String
    /// Groups of 100 viewers, 1–10,000.
    public var groups: UInt32

    public init(codeId: String, groups: UInt32) {
        self.codeId = codeId
        self.groups = groups
    }
}

/// `huanju.billing.v1.ListExpansionTicketsRequest`: the caller's own tickets.
public struct ListExpansionTicketsRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListExpansionTicketsRequest"
    public var pageSize: UInt32
    public var pageToken: String

    public init(pageSize: UInt32 = 0, pageToken: String = "") {
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.billing.v1.ListExpansionTicketsResponse`.
public struct ListExpansionTicketsResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListExpansionTicketsResponse"
    public var tickets: [ExpansionTicketMessage]
    public var nextPageToken: String

    public init(tickets: [ExpansionTicketMessage], nextPageToken: String) {
        self.tickets = tickets
        self.nextPageToken = nextPageToken
    }
}

/// `huanju.billing.v1.GetExpansionTicketRequest`.
public struct GetExpansionTicketRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.GetExpansionTicketRequest"
    public var ticketId: String

    public init(ticketId: String) {
        self.ticketId = ticketId
    }
}

/// `huanju.billing.v1.ListAllExpansionTicketsRequest`: operators, across accounts.
public struct ListAllExpansionTicketsRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListAllExpansionTicketsRequest"
    /// UNSPECIFIED: any.
    public var state: TicketStateMessage
    /// Empty: every account.
    public var accountId: String
    public var pageSize: UInt32
    public var pageToken: String

    public init(state: TicketStateMessage = .unspecified, accountId: String = "", pageSize: UInt32 = 0, pageToken: String = "") {
        self.state = state
        self.accountId = accountId
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.billing.v1.ApproveExpansionTicketRequest`.
public struct ApproveExpansionTicketRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ApproveExpansionTicketRequest"
    public var ticketId: String

    public init(ticketId: String) {
        self.ticketId = ticketId
    }
}

/// `huanju.billing.v1.RejectExpansionTicketRequest`.
public struct RejectExpansionTicketRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.RejectExpansionTicketRequest"
    public var ticketId: String
    public var reason: String

    public init(ticketId: String, reason: String) {
        self.ticketId = ticketId
        self.reason = reason
    }
}
