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
            let order = try #require(try await harness.buyFee(a).order).orderID
            harness.codes.put("code_A", account: a, status: .active)
            let ticket: BillingV1.ExpansionTicket = try await harness.call(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_A", groups: 1), as: a)
            // When B asks for them, and for unknown ids
            let foreignOrder = await harness.refusal(
                Billing.getOrder, BillingV1.GetOrderRequest(orderID: order), as: b)
            let unknownOrder = await harness.refusal(
                Billing.getOrder, BillingV1.GetOrderRequest(orderID: "ord_0000000000000000"), as: b)
            let foreignTicket = await harness.refusal(
                Billing.getExpansionTicket, BillingV1.GetExpansionTicketRequest(ticketID: ticket.ticketID), as: b)
            let unknownTicket = await harness.refusal(
                Billing.getExpansionTicket, BillingV1.GetExpansionTicketRequest(ticketID: "tkt_0000000000000000"), as: b)
            let payForeign = await harness.refusal(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: b, key: "k")
            let payUnknown = await harness.refusal(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: "tkt_0000000000000000"), as: b, key: "k2")
            let openForeign = await harness.refusal(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_A", groups: 1), as: b)
            let openUnknown = await harness.refusal(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_X", groups: 1), as: b)
            // Then each is NOT_FOUND, worded the same as for an unknown id
            for (foreign, foreignID, unknown, unknownID) in [
                (foreignOrder, order, unknownOrder, "ord_0000000000000000"),
                (foreignTicket, ticket.ticketID, unknownTicket, "tkt_0000000000000000"),
                (payForeign, ticket.ticketID, payUnknown, "tkt_0000000000000000"),
                (openForeign, "code_A", openUnknown, "code_X"),
            ] {
                #expect(foreign.code == .notFound)
                #expect(unknown.code == .notFound)
                #expect(Self.shape(foreign, foreignID) == Self.shape(unknown, unknownID))
            }
            // And B's lists do not show them
            #expect(try await harness.orders(b).isEmpty)
            let tickets: BillingV1.ListExpansionTicketsResponse = try await harness.call(
                Billing.listExpansionTickets, BillingV1.ListExpansionTicketsRequest(), as: b)
            #expect(tickets.tickets.isEmpty)
        }
    }

    @Test func anUnknownCallerAccountIsNotFoundAndAMissingOneUnauthenticated() async throws {
        try await BillingHarness.run { harness in
            let unknown = await harness.refusal(
                Billing.getAccount, BillingV1.GetAccountRequest(), as: "acc_NOBODY")
            #expect(unknown.code == .notFound)
            let missing = await harness.refusal(Billing.getAccount, BillingV1.GetAccountRequest())
            #expect(missing.code == .unauthenticated)
        }
    }

    @Test func operatorMethodsOnThePublicSocketArePermissionDenied() async throws {
        try await BillingHarness.run { harness in
            // Given a pending application
            let account = try await harness.register()
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            // When every operator method is called on the public socket, even with an account id
            let refusals: [RPCError] = [
                await harness.refusal(Billing.listApplications, BillingV1.ListApplicationsRequest(), as: account),
                await harness.refusal(Billing.approveApplication, BillingV1.ApproveApplicationRequest(accountID: account), as: account),
                await harness.refusal(Billing.rejectApplication, BillingV1.RejectApplicationRequest(accountID: account, reason: "x"),
                                      as: account),
                await harness.refusal(Billing.listAccounts, BillingV1.ListAccountsRequest(), as: account),
                await harness.refusal(Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(), as: account),
                await harness.refusal(Billing.approveExpansionTicket, BillingV1.ApproveExpansionTicketRequest(ticketID: "t"),
                                      as: account),
                await harness.refusal(Billing.rejectExpansionTicket, BillingV1.RejectExpansionTicketRequest(ticketID: "t", reason: "x"),
                                      as: account),
                await harness.refusal(Billing.getOutboxStatus, BillingV1.GetOutboxStatusRequest(), as: account),
                await harness.refusal(Billing.deliverActivationEvent,
                                      BillingV1.ActivationEvent(eventID: "e", accountID: account, occurredAtMs: BillingHarness.start.ms),
                                      as: account),
            ]
            // Then each is PERMISSION_DENIED, and the application is still pending
            #expect(refusals.allSatisfy { $0.code == .permissionDenied })
            #expect(try await harness.accountDetails(account).application?.status == .pending)
        }
    }

    @Test func theMethodListNamesEveryBillingMethodWithItsAccess() async throws {
        try await BillingHarness.run { harness in
            // When the method list is asked for
            let list = try await harness.call(ReflectionV1.ReflectionService.Method.listMethods, ReflectionV1.ListMethodsRequest())
            let billing = list.methods.filter { $0.name.hasPrefix(BillingV1.BillingService.name + "/") }
            // Then the operator socket alone serves the operators' methods and the peer's
            let operatorOnly = Set(billing.filter(\.operatorOnly).map(\.name))
            #expect(operatorOnly == [
                Billing.listApplications.name, Billing.approveApplication.name, Billing.rejectApplication.name,
                Billing.listAccounts.name, Billing.listAllExpansionTickets.name, Billing.approveExpansionTicket.name,
                Billing.rejectExpansionTicket.name, Billing.getOutboxStatus.name, Billing.deliverActivationEvent.name,
            ])
            #expect(billing.first { $0.name == Billing.deliverActivationEvent.name }?.access == "peer")
            #expect(billing.first { $0.name == Billing.listAccounts.name }?.access == "operator")
            // And purchases need the account and an idempotency key; all 22 methods are listed
            let purchase = list.methods.first { $0.name == Billing.purchaseCodes.name }
            #expect(purchase?.requiredMetadata == [MetadataKey.accountID, MetadataKey.idempotencyKey])
            #expect(billing.count == 22)
        }
    }
}
