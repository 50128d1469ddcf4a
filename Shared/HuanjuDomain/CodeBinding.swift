/// Whom a code is bound to, for good (RULES §5): one phone device id and one WeChat openid.
public struct CodeBinding: Sendable, Hashable, Codable {
    /// The phone's device id.
    public let deviceId: String
    /// The WeChat openid.
    public let wechatOpenId: String
    /// When the code was bound; its validity runs from here.
    public let boundAt: Instant

    /// A binding made at `boundAt`.
    public init(deviceId: String, wechatOpenId: String, boundAt: Instant) {
        self.deviceId = deviceId
        self.wechatOpenId = wechatOpenId
        self.boundAt = boundAt
    }

    /// Whether a caller's ids are this binding's pair.
    public func matches(deviceId: String, wechatOpenId: String) -> Bool {
        self.deviceId == deviceId && self.wechatOpenId == wechatOpenId
    }
}
