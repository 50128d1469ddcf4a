import GRDB
import HuanjuDomain

/// A registered account.
struct AccountRecord: Sendable, Equatable {
    let id: String
    let kind: AccountKind
    let displayName: String
    let contact: String
    let registeredAt: Instant

    init(id: String, kind: AccountKind, displayName: String, contact: String, registeredAt: Instant) {
        self.id = id
        self.kind = kind
        self.displayName = displayName
        self.contact = contact
        self.registeredAt = registeredAt
    }

    init(row: Row) throws {
        id = row["account_id"]
        kind = try StoredValue.decode(AccountKind.self, row["kind"], column: "account.kind")
        displayName = row["display_name"]
        contact = row["contact"]
        registeredAt = Instant(unixMilliseconds: row["registered_at"])
    }
}

/// What a purchase asked for, as stored with its order: what a retry is compared with.
enum PurchaseIntent: Sendable, Hashable {
    /// The base annual fee, first or renewal.
    case annualFee
    /// `quantity` codes of `kind`, each with `addOnGroupsPerCode` add-on groups.
    case codes(kind: CodeKind, quantity: Int, addOnGroupsPerCode: Int)
    /// Payment of one approved expansion ticket.
    case expansion(ticketID: String)

    /// `ANNUAL_FEE`, `CODES` or `EXPANSION` (the `purchase_order.kind` column).
    var kindName: String {
        switch self {
        case .annualFee: "ANNUAL_FEE"
        case .codes: "CODES"
        case .expansion: "EXPANSION"
        }
    }

    /// A retry with the same idempotency key must repeat the original purchase exactly
    /// (RULES §3): the domain's rule, and for an expansion payment the same ticket.
    static func checkRetry(key: String, original: OrderRecord, retry: PurchaseIntent) throws(DomainError) {
        switch (original.intent, retry) {
        case (.expansion(let first), .expansion(let again)):
            guard first == again else {
                throw .failedPrecondition(
                    "idempotency key \"\(key)\" was already used to pay expansion ticket \(first); "
                        + "send the original request again, or use a new key for a new purchase")
            }
        case (_, .expansion):
            try PurchaseRequest.checkRetry(key: key, original: original.request, retry: .expansion(groups: 0))
        case (_, .annualFee):
            try PurchaseRequest.checkRetry(key: key, original: original.request, retry: .annualFee)
        case let (_, .codes(kind, quantity, groups)):
            try PurchaseRequest.checkRetry(
                key: key, original: original.request,
                retry: .codes(kind: kind, quantity: quantity, addOnGroupsPerCode: groups))
        }
    }
}

/// One order of the ledger with its lines, and whether activation has acknowledged all the
/// messages it sent.
struct OrderRecord: Sendable, Equatable {
    let id: String
    let accountID: String
    let intent: PurchaseIntent
    /// The priced request (for an expansion payment: its ticket's groups).
    let request: PurchaseRequest
    let placedAt: Instant
    let lines: [OrderLine]
    let total: Fen
    let idempotencyKey: String
    /// Annual-fee orders: the fee's end right after the purchase.
    let feeActiveUntil: Instant?
    /// The outbox message-id prefix of the order's messages.
    let eventPrefix: String
    /// Whether every message of the order was delivered.
    let fulfilled: Bool

    /// The ticket an expansion payment paid for.
    var ticketID: String? {
        if case .expansion(let ticketID) = intent { return ticketID }
        return nil
    }
}

/// An expansion ticket with the instants of its transitions.
struct TicketRecord: Sendable, Equatable {
    let id: String
    let accountID: String
    let codeID: String
    var ticket: ExpansionTicket
    var decidedAt: Instant?
    var paidAt: Instant?
    var appliedAt: Instant?
    var orderID: String?

    init(id: String, accountID: String, codeID: String, ticket: ExpansionTicket) {
        self.id = id
        self.accountID = accountID
        self.codeID = codeID
        self.ticket = ticket
    }

    init(row: Row) throws {
        id = row["ticket_id"]
        accountID = row["account_id"]
        codeID = row["code_id"]
        let stateName: String = row["state"]
        let state: ExpansionTicketState
        switch stateName {
        case "PENDING_REVIEW": state = .pendingReview
        case "APPROVED": state = .approved
        case "REJECTED": state = .rejected(reason: row["rejection_reason"] ?? "")
        case "PAID": state = .paid
        case "APPLIED": state = .applied
        default: throw StoredValue.Corrupt(column: "expansion_ticket.state", value: stateName)
        }
        ticket = try ExpansionTicket(groups: row["groups"], openedAt: Instant(unixMilliseconds: row["opened_at"]), state: state)
        decidedAt = StoredValue.instant(row["decided_at"])
        paidAt = StoredValue.instant(row["paid_at"])
        appliedAt = StoredValue.instant(row["applied_at"])
        orderID = row["order_id"]
    }

    /// The ticket's state's rejection reason, if rejected.
    var rejectionReason: String? {
        if case .rejected(let reason) = ticket.state { return reason }
        return nil
    }
}

/// An account with everything `GetAccount` shows.
struct AccountOverview: Sendable {
    let account: AccountRecord
    let application: Application?
    let fee: FeeSchedule
    let summary: OrdersSummary
}

/// An account's orders in numbers.
struct OrdersSummary: Sendable, Equatable {
    var orderCount: Int
    var totalSpent: Fen
    var pendingFulfilment: Int
    var lastOrderAt: Instant?
}

/// The result of a purchase: the order (new, or the original one for a retry).
struct PurchaseOutcome: Sendable {
    let order: OrderRecord
    /// True when the idempotency key had been used for this same purchase before.
    let replayed: Bool
    /// An expansion payment's ticket.
    let ticket: TicketRecord?
}

/// How far the outbox to activation has got.
struct OutboxReport: Sendable {
    struct Entry: Sendable {
        let sequence: Int64
        let messageID: String
        let method: String
        let createdAt: Instant
        let attempts: Int
        let lastError: String?
        let deliveredAt: Instant?
    }

    let backlog: Int
    let delivered: Int
    let waiting: [Entry]
    let recent: [Entry]
}

/// Reading stored values back into domain types.
enum StoredValue {
    /// A value in the database that no version of this service writes.
    struct Corrupt: Error, CustomStringConvertible {
        let column: String
        let value: String
        var description: String { "the billing database holds an unknown value '\(value)' in \(column)" }
    }

    static func decode<T: RawRepresentable>(_: T.Type, _ text: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw Corrupt(column: column, value: text) }
        return value
    }

    static func instant(_ milliseconds: Int64?) -> Instant? {
        milliseconds.map(Instant.init(unixMilliseconds:))
    }
}
