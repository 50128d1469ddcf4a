/// One gRPC-style header (`huanju.rpc.v1.MetadataEntry`).
public struct MetadataEntry: WireMessage, Equatable {
    public static let protoName = "huanju.rpc.v1.MetadataEntry"
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Well-known metadata keys.
public enum MetadataKey {
    /// The calling customer's account id.
    public static let accountID = "account-id"
    /// The client-chosen idempotency key of a purchase.
    public static let idempotencyKey = "idempotency-key"
}

/// The frame a client sends (`huanju.rpc.v1.Request`).
public struct RequestEnvelope: WireMessage, Equatable {
    public static let protoName = "huanju.rpc.v1.Request"
    public var callId: UInt64
    public var method: String
    /// Milliseconds the caller will wait, from when the server reads the request; 0 = default.
    public var deadlineMs: UInt64
    public var metadata: [MetadataEntry]
    public var payload: [UInt8]

    public init(callId: UInt64, method: String, deadlineMs: UInt64 = 0, metadata: [MetadataEntry] = [], payload: [UInt8] = []) {
        self.callId = callId
        self.method = method
        self.deadlineMs = deadlineMs
        self.metadata = metadata
        self.payload = payload
    }
}

/// The frame a server sends back (`huanju.rpc.v1.Response`).
public struct ResponseEnvelope: WireMessage, Equatable {
    public static let protoName = "huanju.rpc.v1.Response"
    public var callId: UInt64
    public var status: StatusCode
    public var message: String
    public var payload: [UInt8]

    public init(callId: UInt64, status: StatusCode, message: String = "", payload: [UInt8] = []) {
        self.callId = callId
        self.status = status
        self.message = message
        self.payload = payload
    }
}
