import HuanjuAPI
import HuanjuDomain

extension ActivationV1.CodeStatus {
    /// The wire form of a code's status.
    init(_ status: CodeStatus) {
        switch status {
        case .unbound: self = .unbound
        case .lapsed: self = .lapsed
        case .active: self = .active
        case .suspended: self = .suspended
        case .expired: self = .expired
        }
    }
}
