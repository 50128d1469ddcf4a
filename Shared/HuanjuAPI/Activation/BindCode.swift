import HuanjuWire

/// `huanju.activation.v1.BindCodeRequest`: bind a code to a device id and a WeChat openid.
public struct BindCodeRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.BindCodeRequest"
    /// The code as typed: `HJ-XXXXX-…` (case, spaces and hyphens do not matter).
    public var code: String
    public var deviceId: String
    public var wechatOpenid: String

    public init(code: String, deviceId: String, wechatOpenid: String) {
        self.code = code
        self.deviceId = deviceId
        self.wechatOpenid = wechatOpenid
    }
}

/// `huanju.activation.v1.BindCodeResponse`.
public struct BindCodeResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.BindCodeResponse"
    public var code: CodeMessage?
    /// False when the code was already bound to this same pair (an idempotent success).
    public var newlyBound: Bool

    public init(code: CodeMessage?, newlyBound: Bool) {
        self.code = code
        self.newlyBound = newlyBound
    }
}
