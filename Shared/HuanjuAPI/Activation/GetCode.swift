import HuanjuWire

/// `huanju.activation.v1.GetCodeRequest`: one of the caller's codes, by id.
public struct GetCodeRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.GetCodeRequest"
    public var codeId: String

    public init(codeId: String) {
        self.codeId = codeId
    }
}
