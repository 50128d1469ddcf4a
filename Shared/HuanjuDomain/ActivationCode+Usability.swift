extension ActivationCode {
    /// Checks that the code is usable at `now` (RULES §5), explaining why not.
    ///
    /// - Parameter label: how messages name the code, e.g. its masked secret `HJ-…-7Q`.
    /// - Throws: `failedPrecondition` for an UNBOUND, LAPSED, SUSPENDED (naming when the fee
    ///   ended) or EXPIRED code, each saying what would help.
    public func requireUsable(at now: Instant, fee: FeeSchedule, label: String? = nil) throws(DomainError) {
        let name = Self.name(label)
        switch status(at: now, fee: fee) {
        case .active:
            return
        case .unbound:
            throw .failedPrecondition(
                "\(name) is not bound yet; bind it to a device and WeChat id before \(bindDeadline) to use it")
        case .lapsed:
            throw .failedPrecondition(
                "\(name) lapsed: it had to be bound before \(bindDeadline); a lapsed code cannot be used, buy a new one")
        case .expired:
            throw .failedPrecondition(
                "\(name) expired at \(validityEnd.map(\.description) ?? "its validity end"); "
                    + "a code can never be renewed or extended, buy a new one")
        case .suspended:
            let ended = fee.lastEnd(atOrBefore: now).map { "ended \($0)" } ?? "is not active at \(now)"
            throw .failedPrecondition(
                "\(name) is suspended: the annual fee \(ended); renew the annual fee to use it again "
                    + "(the code stays valid until \(validityEnd.map(\.description) ?? "its validity end"))")
        }
    }
}
