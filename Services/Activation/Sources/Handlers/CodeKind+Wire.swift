import HuanjuAPI
import HuanjuDomain

extension ActivationV1.CodeKind {
    /// The wire form of a code kind.
    init(_ kind: CodeKind) {
        switch kind {
        case .flagship: self = .flagship
        case .standard: self = .standard
        }
    }
}

extension CodeKind {
    /// The kind a wire value names; nil for UNSPECIFIED and for a number this build does not
    /// know (`BillingChange` tells the two apart).
    init?(_ wire: ActivationV1.CodeKind) {
        switch wire {
        case .flagship: self = .flagship
        case .standard: self = .standard
        case .unspecified, .unrecognized: return nil
        }
    }
}
