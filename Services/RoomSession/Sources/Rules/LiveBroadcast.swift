import HuanjuDomain

/// What the service keeps in memory only about a broadcast from its start until its final
/// radar is flushed: the code's text, the device id and the WeChat id (never persisted), the
/// bounds its hard end came from, and which "live" slot it holds.
struct LiveBroadcast: Sendable {
    /// The broadcast id.
    let broadcastID: String
    /// Paid or trial.
    let kind: BroadcastKind
    /// When it started.
    let start: Instant
    /// Paid: the account whose code started it.
    let accountID: String?
    /// Paid: the code's id.
    let codeID: String?
    /// Paid: the code as the host typed it, to ask activation again about a fee renewal.
    let code: String?
    /// The host's device id.
    let deviceID: String
    /// The host's WeChat id.
    let wechatOpenid: String
    /// Paid: the code's validity end, as activation last said.
    var codeValidUntil: Instant?
    /// Paid: the end of the account's active fee term, as activation last said.
    var feeActiveUntil: Instant?
    /// Whether its room is open in the engine (false while the start is being recorded).
    var isOpened = false

    /// The one-at-a-time slot it holds: its code (paid), or its WeChat id (trial).
    var slot: String {
        switch kind {
        case .paid: "code:\(codeID ?? broadcastID)"
        case .trial: "trial:\(wechatOpenid)"
        }
    }

    /// The hard end its bounds give.
    var hardEnd: Instant {
        BroadcastPlan.hardEnd(start: start, codeValidityEnd: codeValidUntil, feeActiveUntil: feeActiveUntil)
    }

    /// Whether the fee's end is what ends it (before start + 4 h and before the code's
    /// validity end): a renewal would then keep it going, so the sweeper asks activation again.
    var isFeeBounded: Bool {
        guard kind == .paid, code != nil, let feeActiveUntil else { return false }
        return feeActiveUntil < start + BroadcastRules.maxDuration
            && codeValidUntil.map { feeActiveUntil < $0 } ?? true
    }

    /// Why it ended, when the engine says it reached its hard end at `endedAt`.
    func hardEndCause(at endedAt: Instant) -> BroadcastEndCause {
        BroadcastEndCause.forHardEnd(at: endedAt, start: start, codeValidUntil: codeValidUntil, feeActiveUntil: feeActiveUntil)
    }
}
