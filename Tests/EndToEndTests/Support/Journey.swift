import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// A customer account of a running `LocalSystem`, acting through the public sockets.
struct Customer: Sendable {
    let system: LocalSystem
    let accountID: String

    var metadata: [String: String] { [MetadataKey.accountID: accountID] }

    func purchaseMetadata(_ key: String) -> [String: String] {
        metadata.merging([MetadataKey.idempotencyKey: key]) { $1 }
    }

    func account() async throws -> BillingV1.AccountDetails {
        try await system.billing().getAccount(metadata: metadata)
    }

    func buyAnnualFee(key: String) async throws -> BillingV1.PurchaseResponse {
        try await system.billing().purchaseAnnualFee(metadata: purchaseMetadata(key))
    }

    func buyCodes(_ kind: BillingV1.CodeKind, quantity: UInt32, addonGroups: UInt32 = 0, key: String) async throws -> BillingV1.PurchaseResponse {
        try await system.billing().purchaseCodes(
            BillingV1.PurchaseCodesRequest(kind: kind, quantity: quantity, addonGroupsPerCode: addonGroups),
            metadata: purchaseMetadata(key))
    }

    func order(_ orderID: String) async throws -> BillingV1.Order {
        try await system.billing().getOrder(BillingV1.GetOrderRequest(orderID: orderID), metadata: metadata)
    }

    func codes() async throws -> [ActivationV1.Code] {
        try await system.activation().listCodes(ActivationV1.ListCodesRequest(pageSize: 500), metadata: metadata).codes
    }

    /// The account's codes once at least `count` exist (billing's outbox delivers them shortly
    /// after the purchase), oldest first.
    func waitForCodes(_ count: Int) async throws -> [ActivationV1.Code] {
        try await eventually("\(count) codes for \(accountID)") {
            let codes = try await codes()
            return codes.count >= count ? codes : nil
        }
    }

    func code(_ codeID: String) async throws -> ActivationV1.Code {
        try await system.activation().getCode(ActivationV1.GetCodeRequest(codeID: codeID), metadata: metadata)
    }

    func bind(_ code: ActivationV1.Code, device: String, wechat: String) async throws -> ActivationV1.BindCodeResponse {
        try await system.activation().bindCode(
            ActivationV1.BindCodeRequest(code: code.code, deviceID: device, wechatOpenid: wechat), metadata: metadata)
    }

    func openTicket(for codeID: String, groups: UInt32) async throws -> BillingV1.ExpansionTicket {
        try await system.billing().openExpansionTicket(
            BillingV1.OpenExpansionTicketRequest(codeID: codeID, groups: groups), metadata: metadata)
    }

    func payTicket(_ ticketID: String, key: String) async throws -> BillingV1.PurchaseResponse {
        try await system.billing().payExpansionTicket(
            BillingV1.PayExpansionTicketRequest(ticketID: ticketID), metadata: purchaseMetadata(key))
    }

    func ticket(_ ticketID: String) async throws -> BillingV1.ExpansionTicket {
        try await system.billing().getExpansionTicket(BillingV1.GetExpansionTicketRequest(ticketID: ticketID), metadata: metadata)
    }

    func startBroadcast(with code: ActivationV1.Code, device: String, wechat: String) async throws -> SessionV1.StartBroadcastResponse {
        try await system.roomSession().startBroadcast(
            SessionV1.StartBroadcastRequest(code: code.code, deviceID: device, wechatOpenid: wechat), metadata: metadata)
    }
}

/// What only an operator does, on the operator sockets.
struct Operator: Sendable {
    let system: LocalSystem

    func approve(_ accountID: String) async throws {
        _ = try await system.billing(operator: true).approveApplication(BillingV1.ApproveApplicationRequest(accountID: accountID))
    }

    func approveTicket(_ ticketID: String) async throws {
        _ = try await system.billing(operator: true).approveExpansionTicket(BillingV1.ApproveExpansionTicketRequest(ticketID: ticketID))
    }

    /// Applies a paid expansion once activation has heard of the payment.
    func applyExpansion(_ ticketID: String) async throws -> ActivationV1.ApplyExpansionResponse {
        try await eventually("expansion \(ticketID) known to activation") {
            do {
                return try await system.activation(operator: true).applyExpansion(ActivationV1.ApplyExpansionRequest(ticketID: ticketID))
            } catch let error as RPCError where error.code == .notFound {
                return nil
            }
        }
    }
}

extension LocalSystem {
    /// Registers an enterprise, applies, and has an operator approve it.
    func approvedEnterprise(_ name: String) async throws -> Customer {
        let customer = try await registered(.enterprise, name)
        _ = try await billing().applyForFormalService(metadata: customer.metadata)
        try await Operator(system: self).approve(customer.accountID)
        return customer
    }

    func registered(_ kind: BillingV1.AccountKind, _ name: String) async throws -> Customer {
        let response = try await billing().registerAccount(
            BillingV1.RegisterAccountRequest(kind: kind, displayName: name, contact: "\(name)@example.com"))
        return Customer(system: self, accountID: try #require(response.account).accountID)
    }
}

extension Int64 {
    /// The Unix milliseconds at which a wall clock in China reads the given date and time: how
    /// the wire carries instants (`Instant.cst`, as a number).
    static func cst(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
        Instant.cst(year, month, day, hour, minute).unixMilliseconds
    }
}

/// Retries `attempt` until it returns a value (outboxes deliver asynchronously), up to 20 s.
func eventually<T: Sendable>(_ what: String, _ attempt: () async throws -> T?) async throws -> T {
    let giveUp = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < giveUp {
        if let value = try await attempt() { return value }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw RPCError(.deadlineExceeded, "gave up waiting for \(what)")
}
