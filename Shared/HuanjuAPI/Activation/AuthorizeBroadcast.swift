import HuanjuDomain
import HuanjuWire

/// `huanju.activation.v1.AuthorizeBroadcastRequest`: may this device + WeChat id start a
/// broadcast with this code now?
public struct AuthorizeBroadcastRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.AuthorizeBroadcastRequest"
    public var code: String
    public var deviceId: String
    public var wechatOpenid: String

    public init(code: String, deviceId: String, wechatOpenid: String) {
        self.code = code
        self.deviceId = deviceId
        self.wechatOpenid = wechatOpenid
    }
}

/// `huanju.activation.v1.AuthorizeBroadcastResponse`: yes, with this capacity, until at the latest…
public struct AuthorizeBroadcastResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.activation.v1.AuthorizeBroadcastResponse"
    public var codeId: String
    public var accountId: String
    public var capacity: UInt32
    public var codeValidUntilMs: Instant
    public var feeActiveUntilMs: Instant

    public init(codeId: String, accountId: String, capacity: UInt32, codeValidUntilMs: Instant, feeActiveUntilMs: Instant) {
        self.codeId = codeId
        self.accountId = accountId
        self.capacity = capacity
        self.codeValidUntilMs = codeValidUntilMs
        self.feeActiveUntilMs = feeActiveUntilMs
    }
}
