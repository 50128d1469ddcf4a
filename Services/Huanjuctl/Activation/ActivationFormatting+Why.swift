import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// The answers of `activation explain` and `activation timeline`, readable (instants in CST).
extension ActivationFormatting {
    static func explanation(_ answer: ActivationV1.BroadcastAccessExplanation) {
        let code = answer.code ?? ActivationV1.CodeAtInstant()
        let capacity = answer.capacity ?? ActivationV1.CapacityAtInstant()
        Output.fields([
            ("Code", "\(code.codeMasked) (\(code.codeID))"),
            ("At", cst(answer.atMs)),
            ("Start a broadcast", verdict(answer, capacity: capacity)),
            ("Status", code.status == .unspecified ? "not issued yet" : status(code.status)),
            ("Annual fee", fee(answer.fee ?? ActivationV1.FeeAtInstant())),
            ("Issued", cst(code.issuedAtMs)),
            ("Bind before", cst(code.bindDeadlineMs)),
            ("Bound", code.boundAtMs == 0 ? "not bound then" : cst(code.boundAtMs)),
            ("Valid until", instant(code.validUntilMs)),
            ("Binding", binding(answer)),
            ("Capacity", "\(viewers(capacity.capacity)) viewers: \(kind(code.kind)) \(viewers(capacity.baseViewers)) + 100 × "
                + "(\(capacity.addonGroups) add-on groups + \(capacity.expansionGroups) expansion groups, from "
                + "\(capacity.expansionsApplied) expansions applied by then)"),
            ("Hard end", hardEnd(answer)),
            ("Next change", answer.nextChangeMs == 0
                ? answer.nextChange : "\(cst(answer.nextChangeMs)) → \(status(answer.nextStatus)): \(answer.nextChange)"),
            ("As known at", cst(answer.asOfMs)),
        ])
    }

    static func timeline(_ timeline: ActivationV1.CodeTimeline) {
        print("Code \(timeline.codeMasked) (\(timeline.codeID)), as known at \(cst(timeline.asOfMs)):")
        Output.table(["STATUS", "FROM", "UNTIL"], timeline.intervals.map {
            [status($0.status), cst($0.fromMs), $0.untilMs == 0 ? "-" : cst($0.untilMs)]
        })
    }

    private static func verdict(_ answer: ActivationV1.BroadcastAccessExplanation, capacity: ActivationV1.CapacityAtInstant) -> String {
        guard answer.status == .ok else { return "\(answer.status.shortName): \(answer.message)" }
        return "OK: up to \(viewers(capacity.capacity)) viewers, until \(cst(answer.hardEndMs)) at the latest"
    }

    private static func fee(_ fee: ActivationV1.FeeAtInstant) -> String {
        switch fee.standing {
        case .term(let term):
            let until = fee.activeUntilMs != term.endMs ? "; active until \(cst(fee.activeUntilMs))" : ""
            return "active: term \(cst(term.startMs)) – \(cst(term.endMs))\(until)"
        case .gap(let gap):
            switch (gap.previousEndMs, gap.nextStartMs) {
            case (0, 0): return "not active: no term yet"
            case (0, let next): return "not active: no term yet; the first starts \(cst(next))"
            case (let previous, 0): return "not active: the term ended \(cst(previous)); not renewed since"
            case (let previous, let next): return "not active: the term ended \(cst(previous)); renewed \(cst(next))"
            }
        case nil:
            return "-"
        }
    }

    private static func binding(_ answer: ActivationV1.BroadcastAccessExplanation) -> String {
        switch answer.bindingMatch {
        case .notBound: "not bound then: no device or WeChat id to match"
        case .notGiven: "no ids given: answered as the bound device and WeChat id"
        case .matches: "the device id and WeChat id match"
        case .differs:
            "differs: device id \(answer.deviceIDMatches ? "matches" : "differs"), "
                + "WeChat id \(answer.wechatOpenidMatches ? "matches" : "differs")"
        case .unspecified, .unrecognized: answer.bindingMatch.shortName
        }
    }

    private static func hardEnd(_ answer: ActivationV1.BroadcastAccessExplanation) -> String {
        let cause = switch answer.hardEndCause {
        case .maxDuration: "4 hours after the start"
        case .codeValidity: "the code's validity end"
        case .feeEnd: "the annual fee's end"
        case .unspecified: ""
        case .unrecognized: answer.hardEndCause.shortName
        }
        return answer.hardEndMs == 0 ? "- (no broadcast: the code is not ACTIVE then)" : "\(cst(answer.hardEndMs)) (\(cause))"
    }
}
