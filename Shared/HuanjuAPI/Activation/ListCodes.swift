import HuanjuWire

/// `huanju.activation.v1.ListCodesRequest`: the caller's codes, a page at a time
/// (page size default 50, at most 500).
public struct ListCodesRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ListCodesRequest"
    public var pageSize: UInt32
    public var pageToken: String

    public init(pageSize: UInt32 = 0, pageToken: String = "") {
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.activation.v1.ListAccountCodesRequest`: operator, any account's codes.
public struct ListAccountCodesRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ListAccountCodesRequest"
    public var accountId: String
    public var pageSize: UInt32
    public var pageToken: String

    public init(accountId: String, pageSize: UInt32 = 0, pageToken: String = "") {
        self.accountId = accountId
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.activation.v1.ListCodesResponse`: a page of codes, oldest issue first.
public struct ListCodesResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.ListCodesResponse"
    public var codes: [CodeMessage]
    /// Empty when there is no further page.
    public var nextPageToken: String

    public init(codes: [CodeMessage], nextPageToken: String = "") {
        self.codes = codes
        self.nextPageToken = nextPageToken
    }
}
