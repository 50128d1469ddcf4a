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
            let ticket = try await owner.openTicket(for: code.codeId, groups: 1)

            let attempts: [(String, () async throws -> Void)] = [
                ("GetOrder", { _ = try await intruder.order(order.orderId) }),
                ("GetCode", { _ = try await intruder.code(code.codeId) }),
                ("BindCode", { _ = try await intruder.bind(code, device: "d", wechat: "w") }),
                ("OpenExpansionTicket", { _ = try await intruder.openTicket(for: code.codeId, groups: 1) }),
                ("GetExpansionTicket", { _ = try await intruder.ticket(ticket.ticketId) }),
                ("PayExpansionTicket", { _ = try await intruder.payTicket(ticket.ticketId, key: "k") }),
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
                method: BillingMethods.approveApplication,
                payload: ApproveApplicationRequest(accountId: customer.accountID).serializedBytes(),
                metadata: customer.metadata)
            #expect(attempt.status == .permissionDenied)
            for (service, method) in [("activation", ActivationMethods.applyExpansion), ("activation", ActivationMethods.deliverBillingEvent),
                                      ("activation", ActivationMethods.authorizeBroadcast), ("billing", BillingMethods.deliverActivationEvent)] {
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
                let _: RequestRefundResponse = try await system.client("billing").call(
                    BillingMethods.requestRefund, RequestRefundRequest(orderId: order.orderId), metadata: customer.metadata)
            }
            let cancel = await refusal {
                let _: CancelOrderResponse = try await system.client("billing").call(
                    BillingMethods.cancelOrder, CancelOrderRequest(orderId: order.orderId), metadata: customer.metadata)
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
                let _: ApplyForFormalServiceResponse = try await system.client("billing").call(
                    BillingMethods.applyForFormalService, ApplyForFormalServiceRequest(), metadata: individual.metadata)
            }
            #expect(applied?.code == .failedPrecondition)
        }
    }
}
