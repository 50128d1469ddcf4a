import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Who may do what (RULES §10, §2, §3) over the wire.
@Suite(.serialized) struct ScenarioAccessTests {
    @Test func anotherAccountsIdsAreNotFoundExactlyLikeUnknownOnes() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let owner = try await system.approvedEnterprise("owner")
            let intruder = try await system.approvedEnterprise("intruder")
            let order = try #require(try await owner.buyAnnualFee(key: "fee").order)
            let code = try #require(try await owner.waitForCodes(1).first)
            let ticket = try await owner.openTicket(for: code.codeID, groups: 1)

            let attempts: [(String, () async throws -> Void)] = [
                ("GetOrder", { _ = try await intruder.order(order.orderID) }),
                ("GetCode", { _ = try await intruder.code(code.codeID) }),
                ("BindCode", { _ = try await intruder.bind(code, device: "d", wechat: "w") }),
                ("OpenExpansionTicket", { _ = try await intruder.openTicket(for: code.codeID, groups: 1) }),
                ("GetExpansionTicket", { _ = try await intruder.ticket(ticket.ticketID) }),
                ("PayExpansionTicket", { _ = try await intruder.payTicket(ticket.ticketID, key: "k") }),
            ]
            for (method, attempt) in attempts {
                let refused = await refusal(attempt)
                #expect(refused?.code == .notFound, "\(method): \(String(describing: refused))")
            }
            // And an unknown id gets the same status
            #expect(await refusal { _ = try await owner.order("ord_UNKNOWN") }?.code == .notFound)
            #expect(await refusal { _ = try await owner.code("code_UNKNOWN") }?.code == .notFound)
        }
    }

    @Test func operatorMethodsOnThePublicSocketArePermissionDenied() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let customer = try await system.registered(.enterprise, "self-approver")
            let attempt = try await system.client("billing").send(
                method: BillingV1.BillingService.Method.approveApplication.name,
                payload: BillingV1.ApproveApplicationRequest(accountID: customer.accountID).serializedBytes(),
                metadata: customer.metadata)
            #expect(attempt.status == .permissionDenied)
            let activation = ActivationV1.ActivationService.Method.self
            for (service, method) in [("activation", activation.applyExpansion.name), ("activation", activation.deliverBillingEvent.name),
                                      ("activation", activation.authorizeBroadcast.name),
                                      ("billing", BillingV1.BillingService.Method.deliverActivationEvent.name)] {
                let response = try await system.client(service).send(method: method, payload: [])
                #expect(response.status == .permissionDenied, "\(method)")
            }
        }
    }

    @Test func refundsAndCancellationsAreRefusedAsNonRefundable() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("refund")
            let order = try #require(try await customer.buyAnnualFee(key: "fee").order)
            let refund = await refusal {
                try await system.billing().requestRefund(BillingV1.RequestRefundRequest(orderID: order.orderID), metadata: customer.metadata)
            }
            let cancel = await refusal {
                try await system.billing().cancelOrder(BillingV1.CancelOrderRequest(orderID: order.orderID), metadata: customer.metadata)
            }
            for refused in [refund, cancel] {
                #expect(refused?.code == .failedPrecondition)
                #expect(refused?.message.contains("non-refundable") == true)
            }
            #expect(try await customer.account().orders?.totalSpentFen == 14_000_000)
        }
    }

    @Test func onlyApprovedEnterprisesMayBuy() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let individual = try await system.registered(.individual, "person")
            let unapproved = try await system.registered(.enterprise, "waiting")
            for customer in [individual, unapproved] {
                let refused = await refusal { _ = try await customer.buyAnnualFee(key: "fee") }
                #expect(refused?.code == .failedPrecondition)
            }
            let applied = await refusal {
                try await system.billing().applyForFormalService(metadata: individual.metadata)
            }
            #expect(applied?.code == .failedPrecondition)
        }
    }
}
