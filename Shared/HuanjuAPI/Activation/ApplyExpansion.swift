import HuanjuWire

/// `huanju.activation.v1.ApplyExpansionRequest`: operator, apply a paid expansion.
public struct ApplyExpansionRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ApplyExpansionRequest"
    public var ticketId: String

    public init(ticketId: String) {
        self.ticketId = ticketId
    }
}

/// `huanju.activation.v1.ApplyExpansionResponse`.
public struct ApplyExpansionResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ApplyExpansionResponse"
    public var expansion: ExpansionMessage?
    /// The code after the expansion (its text masked).
    public var code: CodeMessage?
    /// False when the ticket had been applied before (nothing changed).
    public var appliedNow: Bool

    public init(expansion: ExpansionMessage?, code: CodeMessage?, appliedNow: Bool) {
        self.expansion = expansion
        self.code = code
        self.appliedNow = appliedNow
    }
}

/// `huanju.activation.v1.ListPendingExpansionsRequest`: operator, paid expansions not yet
/// applied, oldest payment first; `accountId` empty for every account.
public struct ListPendingExpansionsRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ListPendingExpansionsRequest"
    public var accountId: String
    public var pageSize: UInt32
    public var pageToken: String

    public init(accountId: String = "", pageSize: UInt32 = 0, pageToken: String = "") {
        self.accountId = accountId
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.activation.v1.ListExpansionsResponse`.
public struct ListExpansionsResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ListExpansionsResponse"
    public var expansions: [ExpansionMessage]
    public var nextPageToken: String

    public init(expansions: [ExpansionMessage], nextPageToken: String = "") {
        self.expansions = expansions
        self.nextPageToken = nextPageToken
    }
}
