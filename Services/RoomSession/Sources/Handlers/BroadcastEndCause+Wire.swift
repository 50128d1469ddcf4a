import HuanjuAPI

extension SessionV1.EndReason {
    /// The wire form of why a broadcast ended.
    init(_ cause: BroadcastEndCause) {
        switch cause {
        case .hostEnded: self = .hostEnded
        case .maxDuration: self = .maxDuration
        case .codeExpired: self = .codeExpired
        case .feeLapsed: self = .feeLapsed
        case .serviceRestarted: self = .serviceRestarted
        }
    }
}
