import ArgumentParser
import HuanjuAPI
import HuanjuWire

/// `huanjuctl billing ticket open|pay|show|list|approve|reject`: expansion tickets (扩容).
struct TicketCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "Expansion tickets: add groups of 100 viewers to a code (open, approve, pay; activation applies).",
        subcommands: [Open.self, Pay.self, Show.self, List.self, Approve.self, Reject.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a ticket for one of your codes (--as ACCOUNT).")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The code id (code_…), as `huanjuctl activation codes` lists it.")
        var code: String
        @Option(help: "Groups of 100 viewers to add, 1–10,000.")
        var groups: UInt32

        func run() async throws {
            let ticket: ExpansionTicketMessage = try await connection.call(
                BillingCommands.service, BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: code, groups: groups),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pay for an approved ticket (--as ACCOUNT; needs the annual fee active).")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id (tkt_…).")
        var ticketId: String
        @OptionGroup var key: PurchaseKeyOption

        func run() async throws {
            let response: PurchaseResponse = try await connection.call(
                BillingCommands.service, BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticketId),
                metadata: try connection.customerMetadata([MetadataKey.idempotencyKey: key.resolve()]))
            if connection.json { return try Output.json(response) }
            BillingFormatting.purchase(response)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one of your tickets (--as ACCOUNT).")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id.")
        var ticketId: String

        func run() async throws {
            let ticket: ExpansionTicketMessage = try await connection.call(
                BillingCommands.service, BillingMethods.getExpansionTicket, GetExpansionTicketRequest(ticketId: ticketId),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your tickets, newest first (--as ACCOUNT); or, with --all, every account's, oldest first (operator).")

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
            let tickets: [ExpansionTicketMessage]
            if all {
                tickets = try await allPages { token in
                    let page: ListExpansionTicketsResponse = try await connection.call(
                        BillingCommands.service, BillingMethods.listAllExpansionTickets,
                        ListAllExpansionTicketsRequest(state: state?.message ?? .unspecified, accountId: accountFilter,
                                                       pageSize: 500, pageToken: token), operator: true)
                    return (page.tickets, page.nextPageToken)
                }
            } else {
                let metadata = try connection.customerMetadata()
                tickets = try await allPages { token in
                    let page: ListExpansionTicketsResponse = try await connection.call(
                        BillingCommands.service, BillingMethods.listExpansionTickets,
                        ListExpansionTicketsRequest(pageSize: 500, pageToken: token), metadata: metadata)
                    return (page.tickets, page.nextPageToken)
                }
            }
            if connection.json { return try Output.json(tickets) }
            BillingFormatting.ticketTable(tickets)
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Operator: approve a ticket waiting for review; the customer may then pay.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id.")
        var ticketId: String

        func run() async throws {
            let ticket: ExpansionTicketMessage = try await connection.call(
                BillingCommands.service, BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: ticketId),
                operator: true)
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Operator: reject a ticket waiting for review, with a reason.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The ticket id.")
        var ticketId: String
        @Option(help: "Why (required).")
        var reason: String

        func run() async throws {
            let ticket: ExpansionTicketMessage = try await connection.call(
                BillingCommands.service, BillingMethods.rejectExpansionTicket,
                RejectExpansionTicketRequest(ticketId: ticketId, reason: reason), operator: true)
            if connection.json { return try Output.json(ticket) }
            BillingFormatting.ticket(ticket)
        }
    }
}
