import BillingService
import HuanjuAPI
import HuanjuWire
import Testing

/// RULES §10: customers see only their own orders and tickets (another account's is
/// NOT_FOUND, exactly like an unknown id); operator methods only on the operator socket.
@Suite struct AccessTests {
    /// The message with the id asked about blanked out: what is left must not differ.
    static func shape(_ error: RPCError, _ id: String) -> String {
        error.message.replacingOccurrences(of: id, with: "<id>")
    }

    @Test func anotherAccountsOrderOrTicketIsNotFoundLikeAnUnknownId() async throws {
        try await BillingHarness.run { harness in
            // Given A's order and ticket, and an account B
            let a = try await harness.approvedEnterprise(name: "A")
            let b = try await harness.approvedEnterprise(name: "B")
            let order = try #require(try await harness.buyFee(a).order).orderId
            harness.codes.put("code_A", account: a, status: .active)
            let ticket: ExpansionTicketMessage = try await harness.call(
                BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_A", groups: 1), as: a)
            // When B asks for them, and for unknown ids
            let foreignOrder = await harness.refusal(
                BillingMethods.getOrder, GetOrderRequest(orderId: order), as: b, returning: OrderMessage.self)
            let unknownOrder = await harness.refusal(
                BillingMethods.getOrder, GetOrderRequest(orderId: "ord_0000000000000000"), as: b, returning: OrderMessage.self)
            let foreignTicket = await harness.refusal(
                BillingMethods.getExpansionTicket, GetExpansionTicketRequest(ticketId: ticket.ticketId), as: b,
                returning: ExpansionTicketMessage.self)
            let unknownTicket = await harness.refusal(
                BillingMethods.getExpansionTicket, GetExpansionTicketRequest(ticketId: "tkt_0000000000000000"), as: b,
                returning: ExpansionTicketMessage.self)
            let payForeign = await harness.refusal(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticket.ticketId), as: b, key: "k",
                returning: PurchaseResponse.self)
            let payUnknown = await harness.refusal(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: "tkt_0000000000000000"), as: b, key: "k2",
                returning: PurchaseResponse.self)
            let openForeign = await harness.refusal(
                BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_A", groups: 1), as: b,
                returning: ExpansionTicketMessage.self)
            let openUnknown = await harness.refusal(
                BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_X", groups: 1), as: b,
                returning: ExpansionTicketMessage.self)
            // Then each is NOT_FOUND, worded the same as for an unknown id
            for (foreign, foreignID, unknown, unknownID) in [
                (foreignOrder, order, unknownOrder, "ord_0000000000000000"),
                (foreignTicket, ticket.ticketId, unknownTicket, "tkt_0000000000000000"),
                (payForeign, ticket.ticketId, payUnknown, "tkt_0000000000000000"),
                (openForeign, "code_A", openUnknown, "code_X"),
            ] {
                #expect(foreign.code == .notFound)
                #expect(unknown.code == .notFound)
                #expect(Self.shape(foreign, foreignID) == Self.shape(unknown, unknownID))
            }
            // And B's lists do not show them
            #expect(try await harness.orders(b).isEmpty)
            let tickets: ListExpansionTicketsResponse = try await harness.call(
                BillingMethods.listExpansionTickets, ListExpansionTicketsRequest(), as: b)
            #expect(tickets.tickets.isEmpty)
        }
    }

    @Test func anUnknownCallerAccountIsNotFoundAndAMissingOneUnauthenticated() async throws {
        try await BillingHarness.run { harness in
            let unknown = await harness.refusal(
                BillingMethods.getAccount, GetAccountRequest(), as: "acc_NOBODY", returning: AccountDetails.self)
            #expect(unknown.code == .notFound)
            let missing = await harness.refusal(BillingMethods.getAccount, GetAccountRequest(), returning: AccountDetails.self)
            #expect(missing.code == .unauthenticated)
        }
    }

    @Test func operatorMethodsOnThePublicSocketArePermissionDenied() async throws {
        try await BillingHarness.run { harness in
            // Given a pending application
            let account = try await harness.register()
            let _: ApplyForFormalServiceResponse = try await harness.call(
                BillingMethods.applyForFormalService, ApplyForFormalServiceRequest(), as: account)
            // When every operator method is called on the public socket, even with an account id
            let refusals: [RPCError] = [
                await harness.refusal(BillingMethods.listApplications, ListApplicationsRequest(), as: account,
                                      returning: ListApplicationsResponse.self),
                await harness.refusal(BillingMethods.approveApplication, ApproveApplicationRequest(accountId: account), as: account,
                                      returning: AccountApplication.self),
                await harness.refusal(BillingMethods.rejectApplication, RejectApplicationRequest(accountId: account, reason: "x"),
                                      as: account, returning: AccountApplication.self),
                await harness.refusal(BillingMethods.listAccounts, ListAccountsRequest(), as: account,
                                      returning: ListAccountsResponse.self),
                await harness.refusal(BillingMethods.listAllExpansionTickets, ListAllExpansionTicketsRequest(), as: account,
                                      returning: ListExpansionTicketsResponse.self),
                await harness.refusal(BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: "t"),
                                      as: account, returning: ExpansionTicketMessage.self),
                await harness.refusal(BillingMethods.rejectExpansionTicket, RejectExpansionTicketRequest(ticketId: "t", reason: "x"),
                                      as: account, returning: ExpansionTicketMessage.self),
                await harness.refusal(BillingMethods.getOutboxStatus, BillingOutboxStatusRequest(), as: account,
                                      returning: BillingOutboxStatus.self),
                await harness.refusal(BillingMethods.deliverActivationEvent,
                                      ActivationEvent(eventId: "e", accountId: account, occurredAtMs: BillingHarness.start),
                                      as: account, returning: ActivationEventAck.self),
            ]
            // Then each is PERMISSION_DENIED, and the application is still pending
            #expect(refusals.allSatisfy { $0.code == .permissionDenied })
            #expect(try await harness.accountDetails(account).application?.status == .pending)
        }
    }

    @Test func theMethodListNamesEveryBillingMethodWithItsAccess() async throws {
        try await BillingHarness.run { harness in
            let list: ReflectionV1.ListMethodsResponse = try await harness.call(StandardMethods.listMethods, ReflectionV1.ListMethodsRequest())
            let billing = list.methods.filter { $0.name.hasPrefix(BillingMethods.service + "/") }
            let operatorOnly = Set(billing.filter(\.operatorOnly).map(\.name))
            #expect(operatorOnly == [
                BillingMethods.listApplications, BillingMethods.approveApplication, BillingMethods.rejectApplication,
                BillingMethods.listAccounts, BillingMethods.listAllExpansionTickets, BillingMethods.approveExpansionTicket,
                BillingMethods.rejectExpansionTicket, BillingMethods.getOutboxStatus, BillingMethods.deliverActivationEvent,
            ])
            let purchase = list.methods.first { $0.name == BillingMethods.purchaseCodes }
            #expect(purchase?.requiredMetadata == [MetadataKey.accountID, MetadataKey.idempotencyKey])
            #expect(billing.count == 22)
        }
    }
}
