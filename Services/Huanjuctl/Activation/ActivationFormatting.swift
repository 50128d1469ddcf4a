import HuanjuAPI
import HuanjuDomain

/// Readable tables and fields for activation's messages (instants in CST).
enum ActivationFormatting {
    static func codeTable(_ codes: [ActivationV1.Code], showText: Bool) {
        if codes.isEmpty { return print("No codes.") }
        Output.table(
            ["CODE ID", "KIND", "STATUS", "CAPACITY", "ISSUED", "BIND BEFORE", "VALID UNTIL", "BOUND TO", "CODE"],
            codes.map { code in
                [code.codeID, kind(code.kind) + (code.gift ? " (gift)" : ""), status(code.status), viewers(code.capacity),
                 cst(code.issuedAtMs), code.binding == nil ? cst(code.bindDeadlineMs) : "-", instant(code.validUntilMs),
                 code.binding.map { "\($0.deviceID) / \($0.wechatOpenid)" } ?? "-",
                 showText && !code.code.isEmpty ? code.code : code.codeMasked]
            })
    }

    static func codeDetails(_ code: ActivationV1.Code) {
        var pairs: [(String, String)] = [
            ("Code id", code.codeID),
            ("Code", code.code.isEmpty ? code.codeMasked : code.code),
            ("Account", code.accountID),
            ("Kind", kind(code.kind) + (code.gift ? " (gift with the annual fee)" : "")),
            ("Status", "\(status(code.status)) at \(cst(code.statusAtMs))"),
            ("Capacity", "\(viewers(code.capacity)) (add-on groups \(code.addonGroups), expansion groups \(code.expansionGroups))"),
            ("Issued", "\(cst(code.issuedAtMs)) (order \(code.orderID))"),
            ("Bind before", cst(code.bindDeadlineMs)),
        ]
        if let binding = code.binding {
            pairs += [
                ("Bound", cst(binding.boundAtMs)),
                ("Device id", binding.deviceID),
                ("WeChat id", binding.wechatOpenid),
                ("Valid until", cst(code.validUntilMs)),
            ]
        }
        Output.fields(pairs)
        if !code.expansions.isEmpty {
            print("\nExpansions:")
            expansionTable(code.expansions)
        }
    }

    static func expansionTable(_ expansions: [ActivationV1.Expansion]) {
        Output.table(["TICKET", "ACCOUNT", "CODE ID", "GROUPS", "VIEWERS", "STATE", "PAID", "APPLIED"], expansions.map {
            [$0.ticketID, $0.accountID, $0.codeID, "\($0.groups)", "+\(viewers($0.groups * 100))",
             $0.state == .applied ? "APPLIED" : "PENDING", cst($0.paidAtMs), instant($0.appliedAtMs)]
        })
    }

    static func kind(_ kind: ActivationV1.CodeKind) -> String {
        switch kind {
        case .flagship: "Flagship"
        case .standard: "Standard"
        case .unspecified: "?"
        case .unrecognized: kind.protoValueName
        }
    }

    static func status(_ status: ActivationV1.CodeStatus) -> String {
        status == .unspecified ? "?" : status.shortName
    }

    /// `2020-03-01 12:00 CST` for an instant in Unix milliseconds, or `-` for zero (unset).
    static func instant(_ unixMilliseconds: Int64) -> String {
        unixMilliseconds == 0 ? "-" : cst(unixMilliseconds)
    }

    /// `2020-03-01 12:00 CST` for an instant in Unix milliseconds, zero included.
    static func cst(_ unixMilliseconds: Int64) -> String {
        "\(Instant(unixMilliseconds: unixMilliseconds))"
    }

    /// `30,000`.
    static func viewers(_ count: UInt32) -> String {
        var digits = Array(String(count))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}
