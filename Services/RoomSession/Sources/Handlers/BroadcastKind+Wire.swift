import HuanjuAPI
import HuanjuDomain

extension SessionV1.BroadcastKind {
    /// The wire form of a broadcast's kind.
    init(_ kind: BroadcastKind) {
        switch kind {
        case .paid: self = .paid
        case .trial: self = .trial
        }
    }
}
