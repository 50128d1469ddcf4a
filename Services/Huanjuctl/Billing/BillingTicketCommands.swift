import ArgumentParser
import HuanjuAPI
import HuanjuWire

/// `huanjuctl billing ticket open|pay|show|list|approve|reject`: expansion tickets (扩容).
struct TicketCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "Expansion tickets: add groups of 100 viewers to a code (open, approve, pay; activation applies).",
        subcommands: [Open.self, Pay.self, Show.self, List.self, Approve.self, Reject.self])

    struct Open: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Open a ticket for one of your codes (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.openExpansionTicket

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The code id (code_…), as `huanjuctl activation codes` lists it.")
        var code: String
        @Option(help: "Groups of 100 viewers to add, 1–10,000.")
        var groups: UInt32

        func run() async throws {
            let ticket = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.OpenExpansionTicketRequest(codeID: code, groups: groups),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }

    struct Pay: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Pay for an approved ticket (--as ACCOUNT; needs the annual fee active).")
        static let method = BillingV1.BillingService.Method.payExpansionTicket

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id (tkt_…).")
        var ticketID: String
        @OptionGroup var key: PurchaseKeyOption

        func run() async throws {
            let response = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.PayExpansionTicketRequest(ticketID: ticketID),
                metadata: try connection.customerMetadata([MetadataKey.idempotencyKey: key.resolve()]))
            if connection.json { return try Output.json(response) }
            BillingFormatting.purchase(response)
        }
    }

    struct Show: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Show one of your tickets (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.getExpansionTicket

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id.")
        var ticketID: String

        func run() async throws {
            let ticket = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.GetExpansionTicketRequest(ticketID: ticketID),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }

    struct List: AsyncParsableCommand, CallingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your tickets, newest first (--as ACCOUNT); or, with --all, every account's, oldest first (operator).")
        /// Without `--all`: the caller's tickets.
        static let customerMethod = BillingV1.BillingService.Method.listExpansionTickets
        /// With `--all`: every account's.
        static let operatorMethod = BillingV1.BillingService.Method.listAllExpansionTickets
        static let methods = [customerMethod.info, operatorMethod.info]

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Operator: tickets of every account (filter with --state and --account).")
        var all = false
        @Option(help: "With --all: only tickets in this state.")
        var state: TicketStateOption?
        @Option(name: .customLong("account"), help: "With --all: only this account's.")
        var accountFilter: String = ""

        func validate() throws {
            if !all, state != nil || !accountFilter.isEmpty {
                throw ValidationError("--state and --account filter the operators' list: add --all")
            }
        }

        func run() async throws {
            let tickets: [BillingV1.ExpansionTicket]
            if all {
                tickets = try await allPages { token in
                    let page = try await connection.call(
                        BillingCommands.service, Self.operatorMethod,
                        BillingV1.ListAllExpansionTicketsRequest(state: state?.wireValue ?? .unspecified, accountID: accountFilter,
                                                                 pageSize: 500, pageToken: token))
                    return (page.tickets, page.nextPageToken)
                }
            } else {
                let metadata = try connection.customerMetadata()
                tickets = try await allPages { token in
                    let page = try await connection.call(
                        BillingCommands.service, Self.customerMethod,
                        BillingV1.ListExpansionTicketsRequest(pageSize: 500, pageToken: token), metadata: metadata)
                    return (page.tickets, page.nextPageToken)
                }
            }
            if connection.json { return try Output.json(tickets) }
            BillingFormatting.ticketTable(tickets)
        }
    }

    struct Approve: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Operator: approve a ticket waiting for review; the customer may then pay.")
        static let method = BillingV1.BillingService.Method.approveExpansionTicket

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id.")
        var ticketID: String

        func run() async throws {
            let ticket = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.ApproveExpansionTicketRequest(ticketID: ticketID))
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }

    struct Reject: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Operator: reject a ticket waiting for review, with a reason.")
        static let method = BillingV1.BillingService.Method.rejectExpansionTicket

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id.")
        var ticketID: String
        @Option(help: "Why (required).")
        var reason: String

        func run() async throws {
            let ticket = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.RejectExpansionTicketRequest(ticketID: ticketID, reason: reason))
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }
}
