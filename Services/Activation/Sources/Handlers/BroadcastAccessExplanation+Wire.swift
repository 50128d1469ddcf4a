import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

extension ActivationV1.BroadcastAccessExplanation {
    /// The wire form of an explanation of `stored` given at `now`. A refusal goes out with the
    /// status and message it has on the wire when a broadcast is refused (`DomainError.rpcError`).
    init(_ explanation: BroadcastAccessExplanation, of stored: StoredCode, asOf now: Instant) {
        let code = explanation.code
        let refusal: RPCError? = if case .failure(let error) = explanation.verdict { error.rpcError } else { nil }
        let (match, deviceMatches, wechatMatches): (ActivationV1.BindingMatch, Bool, Bool) = switch explanation.binding {
        case .notBound: (.notBound, false, false)
        case .notGiven: (.notGiven, false, false)
        case .matches: (.matches, true, true)
        case .differs(let device, let wechat): (.differs, device, wechat)
        }
        self.init(
            atMs: explanation.at.unixMilliseconds, asOfMs: now.unixMilliseconds,
            status: refusal.map { RPCV1.StatusCode(protoNumber: $0.code.rawValue) } ?? .ok, message: refusal?.message ?? "",
            code: ActivationV1.CodeAtInstant(
                codeID: stored.codeID, codeMasked: stored.masked, kind: ActivationV1.CodeKind(code.kind),
                status: explanation.status.map(ActivationV1.CodeStatus.init) ?? .unspecified,
                issuedAtMs: code.issuedAt.unixMilliseconds, bindDeadlineMs: code.bindDeadline.unixMilliseconds,
                boundAtMs: code.binding?.boundAt.unixMilliseconds ?? 0, validUntilMs: code.validityEnd?.unixMilliseconds ?? 0),
            fee: ActivationV1.FeeAtInstant(explanation.fee),
            bindingMatch: match, deviceIDMatches: deviceMatches, wechatOpenidMatches: wechatMatches,
            capacity: ActivationV1.CapacityAtInstant(
                capacity: UInt32(clamping: code.capacity), baseViewers: UInt32(clamping: code.kind.baseViewers),
                addonGroups: UInt32(clamping: code.addOnGroups), expansionGroups: UInt32(clamping: code.expansionGroups),
                expansionsApplied: UInt32(clamping: explanation.expansionsApplied)),
            hardEndMs: explanation.hardEnd?.at.unixMilliseconds ?? 0,
            hardEndCause: explanation.hardEnd.map { ActivationV1.HardEndCause($0.cause) } ?? .unspecified,
            nextChangeMs: explanation.nextChange.at?.unixMilliseconds ?? 0,
            nextStatus: explanation.nextChange.status.map(ActivationV1.CodeStatus.init) ?? .unspecified,
            nextChange: explanation.nextChange.sentence)
    }
}

extension ActivationV1.FeeAtInstant {
    /// The wire form of the fee at an instant: the active term and until when, or the gap (0 for
    /// an end or a start it does not have).
    init(_ standing: FeeStanding) {
        switch standing {
        case .active(let term, let until):
            self.init(
                standing: .term(ActivationV1.FeeTerm(startMs: term.start.unixMilliseconds, endMs: term.end.unixMilliseconds)),
                activeUntilMs: until.unixMilliseconds)
        case .lapsed(let previousEnd, let nextStart):
            self.init(standing: .gap(ActivationV1.FeeGap(
                previousEndMs: previousEnd?.unixMilliseconds ?? 0, nextStartMs: nextStart?.unixMilliseconds ?? 0)))
        }
    }
}

extension ActivationV1.HardEndCause {
    /// The wire form of what ends a broadcast by itself.
    init(_ cause: BroadcastHardEnd.Cause) {
        switch cause {
        case .maxDuration: self = .maxDuration
        case .codeValidity: self = .codeValidity
        case .feeEnd: self = .feeEnd
        }
    }
}
