import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire

/// A customer account of a running `LocalSystem`, acting through the public sockets.
struct Customer: Sendable {
    let system: LocalSystem
    let accountID: String

    var metadata: [String: String] { [MetadataKey.accountID: accountID] }

    func purchaseMetadata(_ key: String) -> [String: String] {
        metadata.merging([MetadataKey.idempotencyKey: key]) { $1 }
    }

    func account() async throws -> AccountDetails {
        try await system.client("billing").call(BillingMethods.getAccount, GetAccountRequest(), metadata: metadata)
    }

    func buyAnnualFee(key: String) async throws -> PurchaseResponse {
        try await system.client("billing").call(BillingMethods.purchaseAnnualFee, PurchaseAnnualFeeRequest(),
                                                 metadata: purchaseMetadata(key))
    }

    func buyCodes(_ kind: BillingCodeKind, quantity: UInt32, addonGroups: UInt32 = 0, key: String) async throws -> PurchaseResponse {
        try await system.client("billing").call(
            BillingMethods.purchaseCodes,
            PurchaseCodesRequest(kind: kind, quantity: quantity, addonGroupsPerCode: addonGroups),
            metadata: purchaseMetadata(key))
    }

    func order(_ orderID: String) async throws -> OrderMessage {
        try await system.client("billing").call(BillingMethods.getOrder, GetOrderRequest(orderId: orderID), metadata: metadata)
    }

    func codes() async throws -> [CodeMessage] {
        let list: ListCodesResponse = try await system.client("activation")
            .call(ActivationMethods.listCodes, ListCodesRequest(pageSize: 500), metadata: metadata)
        return list.codes
    }

    /// The account's codes once at least `count` exist (billing's outbox delivers them shortly
    /// after the purchase), oldest first.
    func waitForCodes(_ count: Int) async throws -> [CodeMessage] {
        try await eventually("\(count) codes for \(accountID)") {
            let codes = try await codes()
            return codes.count >= count ? codes : nil
        }
    }

    func code(_ codeID: String) async throws -> CodeMessage {
        try await system.client("activation").call(ActivationMethods.getCode, GetCodeRequest(codeId: codeID), metadata: metadata)
    }

    func bind(_ code: CodeMessage, device: String, wechat: String) async throws -> BindCodeResponse {
        try await system.client("activation").call(
            ActivationMethods.bindCode, BindCodeRequest(code: code.code, deviceId: device, wechatOpenid: wechat), metadata: metadata)
    }

    func openTicket(for codeID: String, groups: UInt32) async throws -> ExpansionTicketMessage {
        try await system.client("billing").call(
            BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: codeID, groups: groups), metadata: metadata)
    }

    func payTicket(_ ticketID: String, key: String) async throws -> PurchaseResponse {
        try await system.client("billing").call(
            BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticketID), metadata: purchaseMetadata(key))
    }

    func ticket(_ ticketID: String) async throws -> ExpansionTicketMessage {
        try await system.client("billing").call(
            BillingMethods.getExpansionTicket, GetExpansionTicketRequest(ticketId: ticketID), metadata: metadata)
    }

    func startBroadcast(with code: CodeMessage, device: String, wechat: String) async throws -> StartBroadcastResponse {
        try await system.client("room-session").call(
            SessionMethods.startBroadcast, StartBroadcastRequest(code: code.code, deviceId: device, wechatOpenid: wechat),
            metadata: metadata)
    }
}

/// What only an operator does, on the operator sockets.
struct Operator: Sendable {
    let system: LocalSystem

    func approve(_ accountID: String) async throws {
        let _: AccountApplication = try await system.client("billing", operator: true)
            .call(BillingMethods.approveApplication, ApproveApplicationRequest(accountId: accountID))
    }

    func approveTicket(_ ticketID: String) async throws {
        let _: ExpansionTicketMessage = try await system.client("billing", operator: true)
            .call(BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: ticketID))
    }

    /// Applies a paid expansion once activation has heard of the payment.
    func applyExpansion(_ ticketID: String) async throws -> ApplyExpansionResponse {
        try await eventually("expansion \(ticketID) known to activation") {
            do {
                let response: ApplyExpansionResponse = try await system.client("activation", operator: true)
                    .call(ActivationMethods.applyExpansion, ApplyExpansionRequest(ticketId: ticketID))
                return response
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
        let _: ApplyForFormalServiceResponse = try await client("billing")
            .call(BillingMethods.applyForFormalService, ApplyForFormalServiceRequest(), metadata: customer.metadata)
        try await Operator(system: self).approve(customer.accountID)
        return customer
    }

    func registered(_ kind: AccountKindMessage, _ name: String) async throws -> Customer {
        let response: RegisterAccountResponse = try await client("billing").call(
            BillingMethods.registerAccount, RegisterAccountRequest(kind: kind, displayName: name, contact: "\(name)@example.com"))
        return Customer(system: self, accountID: try #require(response.account).accountId)
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
import Testing
