import HuanjuDomain
import HuanjuWire

/// `huanju.activation.v1.CodeKind`.
public enum CodeKindMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case flagship = 1
    case standard = 2

    public init(_ kind: CodeKind) {
        switch kind {
        case .flagship: self = .flagship
        case .standard: self = .standard
        }
    }

    /// The domain kind, or INVALID_ARGUMENT for UNSPECIFIED.
    public func domainKind() throws -> CodeKind {
        switch self {
        case .flagship: return .flagship
        case .standard: return .standard
        case .unspecified: throw RPCError(.invalidArgument, "kind is required: CODE_KIND_FLAGSHIP or CODE_KIND_STANDARD")
        }
    }
}
