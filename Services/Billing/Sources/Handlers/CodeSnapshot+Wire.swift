import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Activation's answer to `GetCode` as what the ticket rules need.
extension CodeSnapshot {
    /// The snapshot of `code` (asked for as `codeID`).
    ///
    /// - Throws: UNAVAILABLE when activation reported no status; FAILED_PRECONDITION for a
    ///   status this build does not know (a newer activation: upgrade billing).
    init(_ code: ActivationV1.Code, asked codeID: String) throws {
        let status: CodeStatus
        switch code.status {
        case .unbound: status = .unbound
        case .lapsed: status = .lapsed
        case .active: status = .active
        case .suspended: status = .suspended
        case .expired: status = .expired
        case .unspecified:
            throw RPCError(.unavailable, "the activation service reported no status for code \(codeID); retry later")
        case .unrecognized(let number):
            throw RPCError(.failedPrecondition, "the activation service reported code \(codeID) in status \(number), "
                + "which this billing does not know; upgrade billing")
        }
        self.init(codeID: code.codeID, status: status, capacity: Int(code.capacity))
    }
}
