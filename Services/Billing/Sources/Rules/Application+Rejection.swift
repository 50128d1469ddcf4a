import HuanjuDomain

extension Application {
    /// The operator's reason, when rejected (stored and shown as its own field).
    var rejectionReason: String? {
        if case .rejected(let reason) = status { return reason }
        return nil
    }
}
