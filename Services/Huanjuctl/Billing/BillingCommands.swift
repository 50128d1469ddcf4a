import ArgumentParser
import Foundation
import HuanjuAPI
import HuanjuWire

/// `huanjuctl billing …`: the billing service's customer and operator actions.
///
/// Customers (`--as ACCOUNT`, except `register`): `register`, `apply`, `account`, `buy-fee`,
/// `buy-codes`, `orders`, `order`, `refund`, `cancel`, `ticket open|pay|show|list`.
/// Operators (always on the operator socket): `applications`, `approve`, `reject`,
/// `accounts`, `ticket approve|reject|list --all`, `outbox`.
/// Purchases take `--key`; without one a fresh key is made and printed, so that a retry
/// with `--key` that key is never charged twice.
struct BillingCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "Customer and operator actions of the billing service.",
        subcommands: [
            Register.self, Apply.self, AccountCommand.self, BuyFee.self, BuyCodes.self, Orders.self, OrderCommand.self,
            Refund.self, Cancel.self, TicketCommands.self,
            Applications.self, Approve.self, Reject.self, Accounts.self, OutboxCommand.self,
        ])

    static let service = "billing"
}

/// The idempotency key of a purchase: `--key`, or a fresh one that is printed (to standard
/// error, so that `--json` output stays clean) for a retry.
struct PurchaseKeyOption: ParsableArguments {
    @Option(name: .customLong("key"), help: "Idempotency key: the same key again is a retry, never a second charge (default: a new one, printed).")
    var value: String?

    func resolve() -> String {
        if let value { return value }
        let key = UUID().uuidString.lowercased()
        FileHandleOutput.standardError("idempotency key: \(key) (pass --key \(key) to retry this purchase safely)")
        return key
    }
}

// MARK: - Customers

extension BillingCommands {
    struct Register: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Register an account (no --as needed); prints its id.")
        static let method = BillingV1.BillingService.Method.registerAccount

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "enterprise or individual.")
        var kind: AccountKindOption
        @Option(help: "Display name, e.g. \"Acme Ltd\".")
        var name: String
        @Option(help: "Contact: an e-mail address or phone number.")
        var contact: String

        func run() async throws {
            let response = try await connection.call(
                BillingCommands.service, Self.method,
                BillingV1.RegisterAccountRequest(kind: kind.wireValue, displayName: name, contact: contact))
            if connection.json { return try Output.json(response) }
            guard let account = response.account else { return }
            print("Registered \(account.accountID).")
            BillingFormatting.account(account)
        }
    }

    struct Apply: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply for the formal (paid) service (--as ACCOUNT, enterprise only); shows when a decision is due.")
        static let method = BillingV1.BillingService.Method.applyForFormalService

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let response = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.ApplyForFormalServiceRequest(),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(response) }
            if let application = response.application { Output.fields(BillingFormatting.applicationFields(application)) }
        }
    }

    struct AccountCommand: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "account",
            abstract: "Show your account: application and decision date, annual fee, orders and total spent (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.getAccount

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let details = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.GetAccountRequest(), metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(details) }
            BillingFormatting.accountDetails(details)
        }
    }

    struct BuyFee: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "buy-fee", abstract: "Buy or renew the base annual fee (140,000 CNY, with a free Flagship code) (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.purchaseAnnualFee

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var key: PurchaseKeyOption

        func run() async throws {
            let response = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.PurchaseAnnualFeeRequest(),
                metadata: try connection.customerMetadata([MetadataKey.idempotencyKey: key.resolve()]))
            if connection.json { return try Output.json(response) }
            BillingFormatting.purchase(response)
        }
    }

    struct BuyCodes: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "buy-codes",
            abstract: "Buy activation codes of one kind, each with the same add-on (--as ACCOUNT; needs the annual fee active).")
        static let method = BillingV1.BillingService.Method.purchaseCodes

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "flagship (20,000 viewers, 65,000 CNY) or standard (200 viewers, 9,000 CNY).")
        var kind: CodeKindOption
        @Option(help: "How many codes, 1–100.")
        var quantity: UInt32 = 1
        @Option(help: "Add-on groups of 100 viewers per code (10,000 CNY each).")
        var addonGroups: UInt32 = 0
        @Option(help: "Or the add-on as viewers per code, a multiple of 100.")
        var addonViewers: UInt32 = 0
        @OptionGroup var key: PurchaseKeyOption

        func run() async throws {
            let response = try await connection.call(
                BillingCommands.service, Self.method,
                BillingV1.PurchaseCodesRequest(kind: kind.wireValue, quantity: quantity, addonGroupsPerCode: addonGroups,
                                               addonViewersPerCode: addonViewers),
                metadata: try connection.customerMetadata([MetadataKey.idempotencyKey: key.resolve()]))
            if connection.json { return try Output.json(response) }
            BillingFormatting.purchase(response)
        }
    }

    struct Orders: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "List your orders, newest first (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.listOrders

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let metadata = try connection.customerMetadata()
            let orders = try await allPages { token in
                let page = try await connection.call(
                    BillingCommands.service, Self.method, BillingV1.ListOrdersRequest(pageSize: 500, pageToken: token),
                    metadata: metadata)
                return (page.orders, page.nextPageToken)
            }
            if connection.json { return try Output.json(orders) }
            BillingFormatting.orderTable(orders)
        }
    }

    struct OrderCommand: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(commandName: "order", abstract: "Show one of your orders with its lines (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.getOrder

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The order id (ord_…).")
        var orderID: String

        func run() async throws {
            let order = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.GetOrderRequest(orderID: orderID),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(order) }
            BillingFormatting.order(order)
        }
    }

    struct Refund: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Ask for a refund (always refused: purchases are non-refundable) (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.requestRefund

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The order id.")
        var orderID: String
        @Option(help: "Why.")
        var reason: String = ""

        func run() async throws {
            _ = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.RequestRefundRequest(orderID: orderID, reason: reason),
                metadata: try connection.customerMetadata())
        }
    }

    struct Cancel: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Ask to cancel an order (always refused: purchases are final) (--as ACCOUNT).")
        static let method = BillingV1.BillingService.Method.cancelOrder

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The order id.")
        var orderID: String

        func run() async throws {
            _ = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.CancelOrderRequest(orderID: orderID),
                metadata: try connection.customerMetadata())
        }
    }
}

// MARK: - Operators

extension BillingCommands {
    struct Applications: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator: each account's latest application, oldest first (--status pending|approved|rejected).")
        static let method = BillingV1.BillingService.Method.listApplications

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only applications in this status.")
        var status: ApplicationStatusOption?

        func run() async throws {
            let applications = try await allPages { token in
                let page = try await connection.call(
                    BillingCommands.service, Self.method,
                    BillingV1.ListApplicationsRequest(status: status?.wireValue ?? .unspecified, pageSize: 500, pageToken: token))
                return (page.applications, page.nextPageToken)
            }
            if connection.json { return try Output.json(applications) }
            BillingFormatting.applicationTable(applications)
        }
    }

    struct Approve: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Operator: approve an account's pending application.")
        static let method = BillingV1.BillingService.Method.approveApplication

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The account id.")
        var accountID: String

        func run() async throws {
            let decided = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.ApproveApplicationRequest(accountID: accountID))
            if connection.json { return try Output.json(decided) }
            BillingFormatting.accountApplication(decided)
        }
    }

    struct Reject: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Operator: reject an account's pending application, with a reason the customer reads.")
        static let method = BillingV1.BillingService.Method.rejectApplication

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The account id.")
        var accountID: String
        @Option(help: "Why (required).")
        var reason: String

        func run() async throws {
            let decided = try await connection.call(
                BillingCommands.service, Self.method, BillingV1.RejectApplicationRequest(accountID: accountID, reason: reason))
            if connection.json { return try Output.json(decided) }
            BillingFormatting.accountApplication(decided)
        }
    }

    struct Accounts: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Operator: every account with its application, fee and spending.")
        static let method = BillingV1.BillingService.Method.listAccounts

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let accounts = try await allPages { token in
                let page = try await connection.call(
                    BillingCommands.service, Self.method, BillingV1.ListAccountsRequest(pageSize: 500, pageToken: token))
                return (page.accounts, page.nextPageToken)
            }
            if connection.json { return try Output.json(accounts) }
            BillingFormatting.accountTable(accounts)
        }
    }

    struct OutboxCommand: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox", abstract: "Operator: messages to activation waiting for delivery, and the latest delivered.")
        static let method = BillingV1.BillingService.Method.getOutboxStatus

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let status = try await connection.call(BillingCommands.service, Self.method, BillingV1.GetOutboxStatusRequest())
            if connection.json { return try Output.json(status) }
            OutboxFormatting.print(status)
        }
    }
}
