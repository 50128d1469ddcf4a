import HuanjuAPI
import HuanjuDomain

/// Readable tables and fields for billing's messages: instants in CST, money in CNY.
enum BillingFormatting {
    // MARK: Values

    /// `2020-03-01 12:00 CST` for an instant in Unix milliseconds, or `-` when not set (zero).
    static func instant(_ unixMilliseconds: Int64) -> String {
        unixMilliseconds == 0 ? "-" : "\(Instant(unixMilliseconds: unixMilliseconds))"
    }

    /// `140,000.00 CNY`.
    static func money(_ fen: Int64) -> String {
        "\(Fen(fen))"
    }

    /// `10,000`.
    static func count<I: BinaryInteger>(_ value: I) -> String {
        let digits = Array(String(value.magnitude))
        var text = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    static func kind(_ kind: BillingV1.AccountKind) -> String {
        switch kind {
        case .enterprise: "ENTERPRISE"
        case .individual: "INDIVIDUAL"
        case .unspecified: "?"
        case .unrecognized: kind.protoValueName
        }
    }

    static func codeKind(_ kind: BillingV1.CodeKind) -> String {
        switch kind {
        case .flagship: "Flagship"
        case .standard: "Standard"
        case .unspecified: "?"
        case .unrecognized: kind.protoValueName
        }
    }

    static func item(_ item: BillingV1.LineItem) -> String {
        switch item {
        case .annualFee: "Base annual fee (基础年费)"
        case .giftFlagshipCode: "Flagship code, free with the annual fee"
        case .flagshipCode: "Flagship code (旗舰版激活码)"
        case .standardCode: "Standard code (标准版激活码)"
        case .concurrencyAddOn: "Concurrency add-on, per 100 viewers (并发数追加)"
        case .expansion: "Expansion, per 100 viewers (扩容)"
        case .unspecified: "?"
        case .unrecognized: item.protoValueName
        }
    }

    /// `PENDING`, `APPROVED`, `REJECTED`; `NONE` when the account has not applied.
    static func applicationStatus(_ status: BillingV1.ApplicationStatus) -> String {
        status == .unspecified ? "NONE" : status.shortName
    }

    // MARK: Accounts and applications

    static func account(_ account: BillingV1.Account) {
        Output.fields([
            ("Account", account.accountID), ("Kind", kind(account.kind)), ("Name", account.displayName),
            ("Contact", account.contact), ("Registered", instant(account.registeredAtMs)),
        ])
    }

    static func applicationFields(_ application: BillingV1.Application) -> [(String, String)] {
        var pairs = [("Application", applicationStatus(application.status)), ("Submitted", instant(application.submittedAtMs))]
        switch application.status {
        case .pending:
            pairs.append(("Decision due", "by \(instant(application.decisionDueMs)) (5 working days)"))
        case .approved:
            pairs.append(("Approved", instant(application.decidedAtMs)))
        case .rejected:
            pairs += [("Rejected", instant(application.decidedAtMs)), ("Reason", application.rejectionReason),
                      ("Next step", "fix what the reason says and apply again")]
        case .unspecified, .unrecognized:
            break
        }
        return pairs
    }

    static func accountDetails(_ details: BillingV1.AccountDetails) {
        var pairs: [(String, String)] = []
        if let account = details.account {
            pairs += [("Account", account.accountID), ("Kind", kind(account.kind)), ("Name", account.displayName),
                      ("Contact", account.contact)]
        }
        if let application = details.application {
            pairs += applicationFields(application)
        } else {
            pairs.append(("Application", "none: apply with `huanjuctl billing apply`"))
        }
        if let fee = details.fee {
            if fee.active {
                pairs.append(("Annual fee", "ACTIVE until \(instant(fee.activeUntilMs))"))
            } else if fee.lastEndedMs != 0 {
                pairs.append(("Annual fee", "NOT ACTIVE since \(instant(fee.lastEndedMs)): renew it"))
            } else {
                pairs.append(("Annual fee", "never bought"))
            }
            for (index, term) in fee.terms.enumerated() {
                pairs.append((index == 0 ? "Fee terms" : "", "\(instant(term.startMs)) → \(instant(term.endMs))"))
            }
        }
        if let orders = details.orders {
            pairs += [("Orders", "\(orders.orderCount)" + (orders.pendingFulfilment > 0 ? " (\(orders.pendingFulfilment) being fulfilled)" : "")),
                      ("Total spent", money(orders.totalSpentFen))]
        }
        pairs.append(("As of", instant(details.asOfMs)))
        Output.fields(pairs)
    }

    static func accountApplication(_ entry: BillingV1.AccountApplication) {
        var pairs: [(String, String)] = []
        if let account = entry.account { pairs += [("Account", account.accountID), ("Name", account.displayName)] }
        if let application = entry.application { pairs += applicationFields(application) }
        Output.fields(pairs)
    }

    static func applicationTable(_ entries: [BillingV1.AccountApplication]) {
        if entries.isEmpty { return print("No applications.") }
        Output.table(["ACCOUNT", "NAME", "CONTACT", "STATUS", "SUBMITTED", "DECISION DUE", "DECIDED", "REASON"], entries.map {
            let application = $0.application
            return [$0.account?.accountID ?? "", $0.account?.displayName ?? "", $0.account?.contact ?? "",
                    application.map { applicationStatus($0.status) } ?? "", application.map { instant($0.submittedAtMs) } ?? "",
                    application.map { instant($0.decisionDueMs) } ?? "", application.map { instant($0.decidedAtMs) } ?? "",
                    application?.rejectionReason ?? ""]
        })
    }

    static func accountTable(_ accounts: [BillingV1.AccountDetails]) {
        if accounts.isEmpty { return print("No accounts.") }
        Output.table(["ACCOUNT", "KIND", "NAME", "APPLICATION", "FEE ACTIVE UNTIL", "ORDERS", "SPENT"], accounts.map {
            [$0.account?.accountID ?? "", $0.account.map { kind($0.kind) } ?? "", $0.account?.displayName ?? "",
             $0.application.map { applicationStatus($0.status) } ?? "NONE",
             $0.fee.map { $0.active ? instant($0.activeUntilMs) : "not active" } ?? "",
             "\($0.orders?.orderCount ?? 0)", money($0.orders?.totalSpentFen ?? 0)]
        })
    }

    // MARK: Orders

    static func purchase(_ response: BillingV1.PurchaseResponse) {
        if response.replayed {
            print("This key was used before for the same purchase: here is that order; nothing was charged again.")
        }
        if let order = response.order { self.order(order) }
        if let ticket = response.ticket {
            print("")
            self.ticket(ticket)
        }
    }

    static func order(_ order: BillingV1.Order) {
        var pairs: [(String, String)] = [
            ("Order", order.orderID), ("Kind", order.kind.shortName), ("Placed", instant(order.placedAtMs)),
            ("Total", money(order.totalFen)), ("Fulfilment", fulfilment(order.fulfilment)),
            ("Idempotency key", order.idempotencyKey),
        ]
        switch order.kind {
        case .annualFee: pairs.append(("Fee active until", instant(order.feeActiveUntilMs)))
        case .codes:
            pairs.append(("Codes", "\(order.codeQuantity) × \(codeKind(order.codeKind)), +\(count(order.addonGroupsPerCode * 100)) viewers each"))
        case .expansion: pairs.append(("Ticket", order.ticketID))
        case .unspecified, .unrecognized: break
        }
        Output.fields(pairs)
        print("")
        Output.table(["ITEM", "QUANTITY", "UNIT PRICE", "TOTAL"], order.lines.map {
            [item($0.item), "\($0.quantity)", money($0.unitPriceFen), money($0.totalFen)]
        })
    }

    static func fulfilment(_ fulfilment: BillingV1.Fulfilment) -> String {
        switch fulfilment {
        case .pending: "PENDING (paid; activation has not received everything yet)"
        case .fulfilled: "FULFILLED"
        case .unspecified: "?"
        case .unrecognized: fulfilment.protoValueName
        }
    }

    static func orderTable(_ orders: [BillingV1.Order]) {
        if orders.isEmpty { return print("No orders.") }
        Output.table(["ORDER", "PLACED", "KIND", "WHAT", "TOTAL", "FULFILMENT"], orders.map {
            [$0.orderID, instant($0.placedAtMs), $0.kind.shortName, summary($0), money($0.totalFen), $0.fulfilment.shortName]
        })
    }

    static func summary(_ order: BillingV1.Order) -> String {
        switch order.kind {
        case .annualFee: "annual fee, until \(instant(order.feeActiveUntilMs))"
        case .codes: "\(order.codeQuantity) × \(codeKind(order.codeKind)) +\(count(order.addonGroupsPerCode * 100)) viewers"
        case .expansion: "ticket \(order.ticketID)"
        case .unspecified, .unrecognized: ""
        }
    }

    // MARK: Tickets

    static func ticket(_ ticket: BillingV1.ExpansionTicket) {
        var pairs: [(String, String)] = [
            ("Ticket", ticket.ticketID), ("Account", ticket.accountID), ("Code", ticket.codeID),
            ("Adds", "\(count(ticket.groups)) groups = +\(count(ticket.addedViewers)) viewers"), ("Price", money(ticket.priceFen)),
            ("State", ticket.state.shortName), ("Opened", instant(ticket.openedAtMs)),
        ]
        if ticket.decidedAtMs != 0 { pairs.append(("Decided", instant(ticket.decidedAtMs))) }
        if !ticket.rejectionReason.isEmpty { pairs.append(("Reason", ticket.rejectionReason)) }
        if ticket.paidAtMs != 0 { pairs.append(("Paid", "\(instant(ticket.paidAtMs)) (order \(ticket.orderID))")) }
        if ticket.appliedAtMs != 0 { pairs.append(("Applied", instant(ticket.appliedAtMs))) }
        switch ticket.state {
        case .pendingReview: pairs.append(("Next step", "an operator reviews it"))
        case .approved: pairs.append(("Next step", "pay it: huanjuctl billing ticket pay \(ticket.ticketID)"))
        case .paid: pairs.append(("Next step", "an operator applies it in activation"))
        default: break
        }
        Output.fields(pairs)
    }

    static func ticketTable(_ tickets: [BillingV1.ExpansionTicket]) {
        if tickets.isEmpty { return print("No tickets.") }
        Output.table(["TICKET", "ACCOUNT", "CODE", "VIEWERS", "PRICE", "STATE", "OPENED", "PAID", "APPLIED"], tickets.map {
            [$0.ticketID, $0.accountID, $0.codeID, "+\(count($0.addedViewers))", money($0.priceFen), $0.state.shortName,
             instant($0.openedAtMs), instant($0.paidAtMs), instant($0.appliedAtMs)]
        })
    }
}
