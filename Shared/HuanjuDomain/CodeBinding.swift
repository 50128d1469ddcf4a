/// Whom a code is bound to, for good (RULES §5): one phone device id and one WeChat openid.
public struct CodeBinding: Sendable, Hashable, Codable {
    /// The phone's device id.
    public let deviceID: String
    /// The WeChat openid.
    public let wechatOpenid: String
    /// When the code was bound; its validity runs from here.
    public let boundAt: Instant

    /// A binding made at `boundAt`.
    public init(deviceID: String, wechatOpenid: String, boundAt: Instant) {
        self.deviceID = deviceID
        self.wechatOpenid = wechatOpenid
        self.boundAt = boundAt
    }

    /// Whether a caller's ids are this binding's pair.
    public func matches(deviceID: String, wechatOpenid: String) -> Bool {
        self.deviceID == deviceID && self.wechatOpenid == wechatOpenid
    }
}
