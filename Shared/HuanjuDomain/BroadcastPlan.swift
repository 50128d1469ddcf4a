/// What a starting broadcast may do: its viewer limit and the instant it ends by itself at
/// the latest (RULES §7, §8).
///
/// Vendor's decisions: the viewer limit is the code's capacity when the broadcast starts; an
/// expansion applied later counts from the next broadcast. The hard end is computed from the
/// fee terms at start; since a renewal made before that moment keeps the broadcast going, the
/// session recomputes `hardEnd(start:codeValidityEnd:feeActiveUntil:)` when terms change.
/// "One broadcast at a time per code" is the session's state, not checked here.
public struct BroadcastPlan: Sendable, Hashable, Codable {
    /// Paid or trial.
    public let kind: BroadcastKind
    /// When the broadcast started.
    public let start: Instant
    /// Concurrent viewers admitted at most.
    public let viewerLimit: Int
    /// The broadcast ends by itself at this instant (exclusive) unless the host ends it earlier.
    public let hardEnd: Instant

    /// A plan with the given fields.
    public init(kind: BroadcastKind, start: Instant, viewerLimit: Int, hardEnd: Instant) {
        self.kind = kind
        self.start = start
        self.viewerLimit = viewerLimit
        self.hardEnd = hardEnd
    }

    /// The earliest of start + 4 h, the code's validity end and the moment the fee stops being
    /// active; nil inputs are ignored (a trial passes only `start`).
    public static func hardEnd(start: Instant, codeValidityEnd: Instant? = nil, feeActiveUntil: Instant? = nil) -> Instant {
        [start + BroadcastRules.maxDuration, codeValidityEnd, feeActiveUntil].compactMap { $0 }.min()
            ?? start + BroadcastRules.maxDuration
    }

    /// Whether the broadcast has ended by itself at `instant`.
    public func hasEnded(at instant: Instant) -> Bool { instant >= hardEnd }

    /// Starts a free trial at `now`: needs a device id and a WeChat id; 10 viewers; 4 hours.
    ///
    /// - Throws: `invalidArgument` for a missing id.
    public static func trial(device: String, wechat: String, at now: Instant) throws(DomainError) -> BroadcastPlan {
        try ActivationCode.requireIds(device: device, wechat: wechat, toDo: "start a trial broadcast")
        return BroadcastPlan(
            kind: .trial, start: now, viewerLimit: BroadcastRules.trialViewerLimit, hardEnd: hardEnd(start: now))
    }

    /// Starts a paid broadcast at `now` with `code`: the caller must present the device id and
    /// WeChat id the code is bound to, and the code must be usable.
    ///
    /// - Parameter label: how messages name the code, e.g. its masked secret.
    /// - Throws: `invalidArgument` for a missing id; `permissionDenied` when the ids are not the
    ///   code's binding (checked before the status, so a stranger learns nothing more);
    ///   `failedPrecondition` for an UNBOUND, LAPSED, SUSPENDED or EXPIRED code.
    public static func paid(
        code: ActivationCode, fee: FeeSchedule, device: String, wechat: String, at now: Instant, label: String? = nil
    ) throws(DomainError) -> BroadcastPlan {
        let name = ActivationCode.name(label)
        try ActivationCode.requireIds(device: device, wechat: wechat, toDo: "start a broadcast with \(name)")
        if let binding = code.binding, !binding.matches(deviceID: device, wechatOpenid: wechat) {
            throw .permissionDenied(
                "\(name) is bound to another device or WeChat id; start the broadcast from the phone and WeChat "
                    + "account the code was bound to")
        }
        return try paidByBoundHost(code: code, fee: fee, at: now, label: label)
    }

    /// Starts a paid broadcast at `now` with `code` as its bound host would: what `paid` decides
    /// once the caller's ids are known to be the binding's — the code must be usable; the limit
    /// is its capacity, the hard end the earliest of start + 4 h, its validity end and the fee's.
    ///
    /// - Parameter label: how messages name the code, e.g. its masked secret.
    /// - Throws: `failedPrecondition` for an UNBOUND, LAPSED, SUSPENDED or EXPIRED code.
    public static func paidByBoundHost(
        code: ActivationCode, fee: FeeSchedule, at now: Instant, label: String? = nil
    ) throws(DomainError) -> BroadcastPlan {
        try code.requireUsable(at: now, fee: fee, label: label)
        return BroadcastPlan(
            kind: .paid, start: now, viewerLimit: code.capacity,
            hardEnd: hardEnd(start: now, codeValidityEnd: code.validityEnd, feeActiveUntil: fee.activeUntil(at: now)))
    }
}
