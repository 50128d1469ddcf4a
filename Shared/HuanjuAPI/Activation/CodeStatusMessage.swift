import HuanjuDomain

/// `huanju.activation.v1.CodeStatus`.
public enum CodeStatusMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case unbound = 1
    case lapsed = 2
    case active = 3
    case suspended = 4
    case expired = 5

    public init(_ status: CodeStatus) {
        switch status {
        case .unbound: self = .unbound
        case .lapsed: self = .lapsed
        case .active: self = .active
        case .suspended: self = .suspended
        case .expired: self = .expired
        }
    }

    /// The domain status; nil for UNSPECIFIED.
    public var domainStatus: CodeStatus? {
        switch self {
        case .unspecified: nil
        case .unbound: .unbound
        case .lapsed: .lapsed
        case .active: .active
        case .suspended: .suspended
        case .expired: .expired
        }
    }
}
