import HuanjuDomain

/// Why a broadcast ended, as stored (`broadcasts.end_reason`) and sent (`EndReason`).
///
/// The presence engine knows only "the host ended it" or "it reached its hard end"; the
/// service tells the hard ends apart by which bound the end instant equals (`forHardEnd`).
enum BroadcastEndCause: String, StoredEnum, CaseIterable {
    /// The host ended it.
    case hostEnded = "HOST_ENDED"
    /// Start + 4 hours.
    case maxDuration = "MAX_DURATION"
    /// The code's validity ended.
    case codeExpired = "CODE_EXPIRED"
    /// The account's annual fee stopped being active (no renewal came before that moment).
    case feeLapsed = "FEE_LAPSED"
    /// The service restarted while the broadcast was live: what a restart did before
    /// session-v4 (broadcasts now survive it, see `RoomSessionServiceOverview`); kept for those rows.
    case serviceRestarted = "SERVICE_RESTARTED"

    static let column = "broadcasts.end_reason"

    /// Which bound a hard end at `endedAt` was: start + 4 h first, then the code's validity
    /// end, then the fee's end (when two coincide, the earlier in that list names it).
    static func forHardEnd(
        at endedAt: Instant, start: Instant, codeValidUntil: Instant?, feeActiveUntil: Instant?
    ) -> BroadcastEndCause {
        if endedAt == start + BroadcastRules.maxDuration { return .maxDuration }
        if let codeValidUntil, endedAt == codeValidUntil { return .codeExpired }
        if let feeActiveUntil, endedAt == feeActiveUntil { return .feeLapsed }
        return .maxDuration
    }
}
