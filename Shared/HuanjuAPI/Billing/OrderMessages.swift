import HuanjuDomain
import HuanjuWire

/// `huanju.billing.v1.OrderLine`: an item, how many, the unit price when ordered, the total.
public struct OrderLineMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.OrderLine"
    public var item: LineItemMessage
    public var quantity: UInt32
    public var unitPriceFen: Int64
    public var totalFen: Int64

    public init(item: LineItemMessage, quantity: UInt32, unitPriceFen: Int64, totalFen: Int64) {
        self.item = item
        self.quantity = quantity
        self.unitPriceFen = unitPriceFen
        self.totalFen = totalFen
    }
}

/// `huanju.billing.v1.Order`: one purchase, paid when placed and final.
public struct OrderMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.Order"
    public var orderId: String
    public var accountId: String
    public var kind: OrderKindMessage
    public var placedAtMs: Instant
    public var lines: [OrderLineMessage]
    public var totalFen: Int64
    public var fulfilment: FulfilmentMessage
    public var idempotencyKey: String
    /// Code orders.
    public var codeKind: BillingCodeKind
    /// Code orders.
    public var codeQuantity: UInt32
    /// Code orders.
    public var addonGroupsPerCode: UInt32
    /// Expansion orders.
    public var ticketId: String
    /// Annual-fee orders: the fee's end right after the purchase.
    public var feeActiveUntilMs: Instant

    public init(orderId: String, accountId: String, kind: OrderKindMessage, placedAtMs: Instant, lines: [OrderLineMessage],
                totalFen: Int64, fulfilment: FulfilmentMessage, idempotencyKey: String,
                codeKind: BillingCodeKind = .unspecified, codeQuantity: UInt32 = 0, addonGroupsPerCode: UInt32 = 0,
                ticketId: String = "", feeActiveUntilMs: Instant = Instant(unixMilliseconds: 0)) {
        self.orderId = orderId
        self.accountId = accountId
        self.kind = kind
        self.placedAtMs = placedAtMs
        self.lines = lines
        self.totalFen = totalFen
        self.fulfilment = fulfilment
        self.idempotencyKey = idempotencyKey
        self.codeKind = codeKind
        self.codeQuantity = codeQuantity
        self.addonGroupsPerCode = addonGroupsPerCode
        self.ticketId = ticketId
        self.feeActiveUntilMs = feeActiveUntilMs
    }
}

/// `huanju.billing.v1.PurchaseAnnualFeeRequest`: buy or renew the base annual fee.
public struct PurchaseAnnualFeeRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.PurchaseAnnualFeeRequest"
    public init() {}
}

/// `huanju.billing.v1.PurchaseCodesRequest`: codes of one kind, each with the same add-on,
/// given as groups of 100 viewers or as viewers (a multiple of 100); both set must agree.
public struct PurchaseCodesRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.PurchaseCodesRequest"
    public var kind: BillingCodeKind
    public var quantity: UInt32
    public var addonGroupsPerCode: UInt32
    public var addonViewersPerCode: UInt32

    public init(kind: BillingCodeKind, quantity: UInt32, addonGroupsPerCode: UInt32 = 0, addonViewersPerCode: UInt32 = 0) {
        self.kind = kind
        self.quantity = quantity
        self.addonGroupsPerCode = addonGroupsPerCode
        self.addonViewersPerCode = addonViewersPerCode
    }
}

/// `huanju.billing.v1.PayExpansionTicketRequest`.
public struct PayExpansionTicketRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.PayExpansionTicketRequest"
    public var ticketId: String

    public init(ticketId: String) {
        self.ticketId = ticketId
    }
}

/// `huanju.billing.v1.PurchaseResponse`: the order; `replayed` when it answers a retry.
public struct PurchaseResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.PurchaseResponse"
    public var order: OrderMessage?
    /// True: a retry with the same key; nothing was charged again.
    public var replayed: Bool
    /// `PayExpansionTicket` only: the ticket, now PAID (or later).
    public var ticket: ExpansionTicketMessage?

    public init(order: OrderMessage?, replayed: Bool, ticket: ExpansionTicketMessage? = nil) {
        self.order = order
        self.replayed = replayed
        self.ticket = ticket
    }
}

/// `huanju.billing.v1.ListOrdersRequest`.
public struct ListOrdersRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListOrdersRequest"
    public var pageSize: UInt32
    public var pageToken: String

    public init(pageSize: UInt32 = 0, pageToken: String = "") {
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.billing.v1.ListOrdersResponse`: newest first.
public struct ListOrdersResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListOrdersResponse"
    public var orders: [OrderMessage]
    public var nextPageToken: String

    public init(orders: [OrderMessage], nextPageToken: String) {
        self.orders = orders
        self.nextPageToken = nextPageToken
    }
}

/// `huanju.billing.v1.GetOrderRequest`.
public struct GetOrderRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.GetOrderRequest"
    public var orderId: String

    public init(orderId: String) {
        self.orderId = orderId
    }
}

/// `huanju.billing.v1.RequestRefundRequest`: always refused (purchases are non-refundable).
public struct RequestRefundRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.RequestRefundRequest"
    public var orderId: String
    public var reason: String

    public init(orderId: String, reason: String = "") {
        self.orderId = orderId
        self.reason = reason
    }
}

/// `huanju.billing.v1.RequestRefundResponse`: never sent.
public struct RequestRefundResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.RequestRefundResponse"
    public init() {}
}

/// `huanju.billing.v1.CancelOrderRequest`: always refused (purchases are final).
public struct CancelOrderRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.CancelOrderRequest"
    public var orderId: String

    public init(orderId: String) {
        self.orderId = orderId
    }
}

/// `huanju.billing.v1.CancelOrderResponse`: never sent.
public struct CancelOrderResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.CancelOrderResponse"
    public init() {}
}
