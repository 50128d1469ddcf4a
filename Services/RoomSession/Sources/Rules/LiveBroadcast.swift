import HuanjuDomain
import HuanjuRuntime

/// What the service keeps about a live broadcast beyond its row, from its start (or its
/// reopening after a restart) until its final radar is flushed: the bounds its hard end came
/// from and which "live" slot it holds. No secret: never the code's text, nor the host's
/// device or WeChat id (a trial's slot holds the WeChat id's SHA-256 only). All of it is in
/// the broadcast's row too, so a restart rebuilds it.
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
    /// The one-at-a-time slot it holds: `code:<code id>` (paid), or `trial:<SHA-256 of the
    /// WeChat id>` (trial).
    let slot: String
    /// Paid: the code's validity end, as activation last said.
    var codeValidUntil: Instant?
    /// Paid: the end of the account's active fee term, as activation last said.
    var feeActiveUntil: Instant?
    /// Whether its room is open in the engine (false while the start is being recorded).
    var isOpened = false
    /// The fee-bound end activation was last asked about as it arrived (once per end).
    var recheckedEnd: Instant?

    /// A paid broadcast of `codeID`.
    static func paid(
        _ broadcastID: String, start: Instant, accountID: String, codeID: String, codeValidUntil: Instant?,
        feeActiveUntil: Instant?
    ) -> LiveBroadcast {
        LiveBroadcast(
            broadcastID: broadcastID, kind: .paid, start: start, accountID: accountID, codeID: codeID,
            slot: "code:\(codeID)", codeValidUntil: codeValidUntil, feeActiveUntil: feeActiveUntil)
    }

    /// A trial of the WeChat id `wechatOpenid`.
    static func trial(_ broadcastID: String, start: Instant, wechatOpenid: String) -> LiveBroadcast {
        LiveBroadcast(
            broadcastID: broadcastID, kind: .trial, start: start, accountID: nil, codeID: nil,
            slot: trialSlot(wechatOpenid: wechatOpenid), codeValidUntil: nil, feeActiveUntil: nil)
    }

    /// The slot of a trial by `wechatOpenid`.
    static func trialSlot(wechatOpenid: String) -> String {
        "trial:\(Digest.sha256Hex(wechatOpenid))"
    }

    /// The hard end its bounds give.
    var hardEnd: Instant {
        BroadcastPlan.hardEnd(start: start, codeValidityEnd: codeValidUntil, feeActiveUntil: feeActiveUntil)
    }

    /// Whether the fee's end is what ends it (before start + 4 h and before the code's
    /// validity end): a renewal would then keep it going, so the sweeper asks activation again.
    var isFeeBounded: Bool {
        guard kind == .paid, codeID != nil, let feeActiveUntil else { return false }
        return feeActiveUntil < start + BroadcastRules.maxDuration
            && codeValidUntil.map { feeActiveUntil < $0 } ?? true
    }

    /// Why it ended, when the engine says it reached its hard end at `endedAt`.
    func hardEndCause(at endedAt: Instant) -> BroadcastEndCause {
        BroadcastEndCause.forHardEnd(at: endedAt, start: start, codeValidUntil: codeValidUntil, feeActiveUntil: feeActiveUntil)
    }
}
