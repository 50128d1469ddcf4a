extension ActivationCode {
    /// Binds the code to one device id and one WeChat openid, for good (RULES §5).
    ///
    /// Checked in this order: both ids present; if already bound, the same pair succeeds again
    /// (idempotent, whatever the time or fee) and another pair is refused; the binding window
    /// is open (`now < bindDeadline`); the annual fee is active at `now`.
    ///
    /// - Parameter label: how messages name the code, e.g. its masked secret `HJ-…-7Q`.
    /// - Throws: `invalidArgument` for a missing id; `failedPrecondition` when the code is bound
    ///   to another pair, has lapsed, or the fee is not active.
    @discardableResult
    public mutating func bind(
        device deviceID: String, wechat wechatOpenid: String, at now: Instant, fee: FeeSchedule, label: String? = nil
    ) throws(DomainError) -> BindOutcome {
        let name = Self.name(label)
        try Self.requireIds(device: deviceID, wechat: wechatOpenid, toDo: "bind \(name)")
        if let binding {
            guard binding.matches(deviceID: deviceID, wechatOpenid: wechatOpenid) else {
                throw .failedPrecondition(
                    "\(name) is already bound to another device and WeChat id; a code is bound once, for good: "
                        + "use a code that is not yet bound")
            }
            return .alreadyBound
        }
        guard now < bindDeadline else {
            throw .failedPrecondition(
                "\(name) lapsed: it had to be bound before \(bindDeadline); a lapsed code cannot be used, buy a new one")
        }
        guard fee.isActive(at: now) else {
            let ended = fee.lastEnd(atOrBefore: now).map { " (it ended \($0))" } ?? ""
            throw .failedPrecondition(
                "cannot bind \(name): the annual fee is not active at \(now)\(ended); "
                    + "renew the annual fee, then bind before \(bindDeadline)")
        }
        binding = CodeBinding(deviceID: deviceID, wechatOpenid: wechatOpenid, boundAt: now)
        return .bound
    }

    /// `code HJ-…-7Q`, or `this code` without a label.
    static func name(_ label: String?) -> String {
        label.map { "code \($0)" } ?? "this code"
    }

    /// Both a device id and a WeChat id must be present (not empty or blank).
    static func requireIds(device: String, wechat: String, toDo action: String) throws(DomainError) {
        guard !device.allSatisfy(\.isWhitespace) else {
            throw .invalidArgument("cannot \(action): a device id is required")
        }
        guard !wechat.allSatisfy(\.isWhitespace) else {
            throw .invalidArgument("cannot \(action): a WeChat id (openid) is required")
        }
    }
}
