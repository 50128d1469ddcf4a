/// The two kinds of activation code (高级权限激活码), RULES §3 and §5.
public enum CodeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 旗舰版: 20,000 concurrent viewers.
    case flagship = "FLAGSHIP"
    /// 标准版: 200 concurrent viewers.
    case standard = "STANDARD"

    /// Concurrent viewers the kind gives before any add-on or expansion.
    public var baseViewers: Int {
        switch self {
        case .flagship: 20_000
        case .standard: 200
        }
    }

    /// `Flagship` or `Standard`, for messages.
    public var displayName: String {
        switch self {
        case .flagship: "Flagship"
        case .standard: "Standard"
        }
    }
}
