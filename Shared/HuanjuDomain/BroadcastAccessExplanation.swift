/// Why a code could or could not start a paid broadcast at an instant, as known now (RULES §4,
/// §5, §6, §7): what starting one would have answered then, and the chain behind it.
///
/// The verdict comes from the very rules that authorize a broadcast now —
/// `BroadcastPlan.paid(code:fee:device:wechat:at:label:)` (or `paidByBoundHost` when no ids are
/// given), applied to the code as it stood at the instant (`asItStood(at:applied:)`: a binding
/// made later is ignored, and so is an expansion applied later) under the fee schedule known
/// now — so the answer at the current instant is exactly what a broadcast started now gets.
///
/// Not evaluated: "one broadcast at a time per code" (whether another broadcast of the code was
/// live then is room-session's state, not a rule of an instant), and what room-session adds
/// when activation cannot be reached.
public struct BroadcastAccessExplanation: Sendable, Hashable {
    /// The instant explained.
    public let at: Instant
    /// What starting a broadcast at `at` would have answered: its plan (viewer limit, hard end),
    /// or the refusal word for word. Before the code was issued, the account held no such code:
    /// the refusal for an unknown code (`CodeSecret.unknownCodeError(accountScoped: true)`).
    public let verdict: Result<BroadcastPlan, DomainError>
    /// The code's status at `at`; nil before it was issued.
    public let status: CodeStatus?
    /// The code as it stood at `at`: its binding if made by then, its expansion groups applied by then.
    public let code: ActivationCode
    /// How many applied expansions `code.expansionGroups` came from.
    public let expansionsApplied: Int
    /// The annual fee at `at`.
    public let fee: FeeStanding
    /// The ids given against the binding at `at`.
    public let binding: BindingMatch
    /// When a broadcast started at `at` would end by itself, and why; nil unless the code was
    /// ACTIVE then (with ids that differ from the binding it is the bound host's broadcast).
    public let hardEnd: BroadcastHardEnd?
    /// The code's next status change after `at` (`CodeTimeline`).
    public let nextChange: NextStatusChange

    /// Explains `code` (as known now, with its `applied` expansions) under the account's fee
    /// schedule `fee` at `instant`, for a host presenting `device` and `wechat`.
    ///
    /// - Parameters:
    ///   - secret: the code's secret; messages name it masked, as a broadcast's refusals do.
    ///   - device: the phone's device id; with `wechat` both blank, no ids were given and the
    ///     answer is the one the bound pair gets; one blank is refused as starting would refuse it.
    public init(
        code current: ActivationCode, applied: [AppliedExpansion], fee schedule: FeeSchedule, secret: CodeSecret,
        device: String, wechat: String, at instant: Instant
    ) {
        let stood = current.asItStood(at: instant, applied: applied)
        let issued = instant >= current.issuedAt
        let given = !(device.allSatisfy(\.isWhitespace) && wechat.allSatisfy(\.isWhitespace))
        at = instant
        code = stood
        expansionsApplied = applied.filter { $0.appliedAt <= instant }.count
        fee = schedule.standing(at: instant)
        status = issued ? stood.status(at: instant, fee: schedule) : nil
        if !issued {
            verdict = .failure(secret.unknownCodeError(accountScoped: true))
        } else if given {
            verdict = Result { () throws(DomainError) in
                try BroadcastPlan.paid(
                    code: stood, fee: schedule, device: device, wechat: wechat, at: instant, label: secret.masked)
            }
        } else {
            verdict = Result { () throws(DomainError) in
                try BroadcastPlan.paidByBoundHost(code: stood, fee: schedule, at: instant, label: secret.masked)
            }
        }
        binding = if let bound = stood.binding, issued {
            if !given {
                .notGiven
            } else if bound.matches(deviceID: device, wechatOpenid: wechat) {
                .matches
            } else {
                .differs(deviceMatches: bound.deviceID == device, wechatMatches: bound.wechatOpenid == wechat)
            }
        } else {
            .notBound
        }
        hardEnd = status == .active
            ? BroadcastHardEnd(start: instant, codeValidityEnd: stood.validityEnd, feeActiveUntil: schedule.activeUntil(at: instant))
            : nil
        nextChange = CodeTimeline(code: current, fee: schedule).nextChange(after: instant, code: current)
    }
}
