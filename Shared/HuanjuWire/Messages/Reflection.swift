/// `huanju.reflection.v1.ListMethodsRequest`.
public struct ListMethodsRequest: WireMessage, Equatable {
    public static let protoName = "huanju.reflection.v1.ListMethodsRequest"
    public init() {}
}

/// `huanju.reflection.v1.MethodDescription`: one method a service offers.
public struct MethodDescription: WireMessage, Equatable {
    public static let protoName = "huanju.reflection.v1.MethodDescription"
    public var name: String
    public var requestType: String
    public var responseType: String
    public var operatorOnly: Bool
    public var requiredMetadata: [String]

    public init(name: String, requestType: String, responseType: String, operatorOnly: Bool, requiredMetadata: [String]) {
        self.name = name
        self.requestType = requestType
        self.responseType = responseType
        self.operatorOnly = operatorOnly
        self.requiredMetadata = requiredMetadata
    }
}

/// `huanju.reflection.v1.ListMethodsResponse`.
public struct ListMethodsResponse: WireMessage, Equatable {
    public static let protoName = "huanju.reflection.v1.ListMethodsResponse"
    public var service: String
    public var methods: [MethodDescription]

    public init(service: String, methods: [MethodDescription]) {
        self.service = service
        self.methods = methods
    }
}
