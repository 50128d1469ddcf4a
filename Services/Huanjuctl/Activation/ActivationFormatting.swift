import HuanjuAPI
import HuanjuDomain

/// Readable tables and fields for activation's messages (instants in CST).
enum ActivationFormatting {
    static func codeTable(_ codes: [CodeMessage], showText: Bool) {
        if codes.isEmpty { return print("No codes.") }
        Output.table(
            ["CODE ID", "KIND", "STATUS", "CAPACITY", "ISSUED", "BIND BEFORE", "VALID UNTIL", "BOUND TO", "CODE"],
            codes.map { code in
                [code.codeId, kind(code.kind) + (code.gift ? " (gift)" : ""), status(code.status), viewers(code.capacity),
                 "\(code.issuedAtMs)", code.binding == nil ? "\(code.bindDeadlineMs)" : "-", instant(code.validUntilMs),
                 code.binding.map { "\($0.deviceId) / \($0.wechatOpenid)" } ?? "-",
                 showText && !code.code.isEmpty ? code.code : code.codeMasked]
            })
    }

    static func codeDetails(_ code: CodeMessage) {
        var pairs: [(String, String)] = [
            ("Code id", code.codeId),
            ("Code", code.code.isEmpty ? code.codeMasked : code.code),
            ("Account", code.accountId),
            ("Kind", kind(code.kind) + (code.gift ? " (gift with the annual fee)" : "")),
            ("Status", "\(status(code.status)) at \(code.statusAtMs)"),
            ("Capacity", "\(viewers(code.capacity)) (add-on groups \(code.addonGroups), expansion groups \(code.expansionGroups))"),
            ("Issued", "\(code.issuedAtMs) (order \(code.orderId))"),
            ("Bind before", "\(code.bindDeadlineMs)"),
        ]
        if let binding = code.binding {
            pairs += [
                ("Bound", "\(binding.boundAtMs)"),
                ("Device id", binding.deviceId),
                ("WeChat id", binding.wechatOpenid),
                ("Valid until", "\(code.validUntilMs)"),
            ]
        }
        Output.fields(pairs)
        if !code.expansions.isEmpty {
            print("\nExpansions:")
            expansionTable(code.expansions)
        }
    }

    static func expansionTable(_ expansions: [ExpansionMessage]) {
        Output.table(["TICKET", "ACCOUNT", "CODE ID", "GROUPS", "VIEWERS", "STATE", "PAID", "APPLIED"], expansions.map {
            [$0.ticketId, $0.accountId, $0.codeId, "\($0.groups)", "+\(viewers($0.groups * 100))",
             $0.state == .applied ? "APPLIED" : "PENDING", "\($0.paidAtMs)", instant($0.appliedAtMs)]
        })
    }

    static func kind(_ kind: CodeKindMessage) -> String {
        switch kind {
        case .flagship: "Flagship"
        case .standard: "Standard"
        case .unspecified: "?"
        }
    }

    static func status(_ status: CodeStatusMessage) -> String {
        status.domainStatus?.rawValue ?? "?"
    }

    /// `2020-03-01 12:00 CST`, or `-` for zero (unset).
    static func instant(_ instant: Instant) -> String {
        instant.unixMilliseconds == 0 ? "-" : "\(instant)"
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
