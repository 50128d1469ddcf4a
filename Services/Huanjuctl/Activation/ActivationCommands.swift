import ArgumentParser
import HuanjuAPI
import HuanjuWire

/// `huanjuctl activation …`: the activation service's customer and operator actions.
///
/// Customers (`--as ACCOUNT`): `codes`, `code`, `bind`, `events`, `explain`, `timeline`,
/// `webhook set|show|test|delete`. Operators (the operator socket): `apply-expansion`,
/// `account-events`, `pending-expansions`, `account-codes`, `outbox`, `webhook-status`, and
/// `authorize`, which asks what room-session asks before a broadcast (handy for demos).
struct ActivationCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activation",
        abstract: "Customer and operator actions of the activation service.",
        subcommands: [
            Codes.self, Code.self, Bind.self, Events.self, Explain.self, Timeline.self, Webhook.self,
            ApplyExpansion.self, AccountEvents.self, PendingExpansions.self, AccountCodes.self, Authorize.self, Bounds.self,
            OutboxStatus.self, WebhookStatus.self,
        ])

    static let service = "activation"

    // MARK: Customers

    struct Codes: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "List your codes with their status now, capacity, deadlines and full text (--as ACCOUNT).")
        static let method = ActivationV1.ActivationService.Method.listCodes

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let metadata = try connection.customerMetadata()
            let codes = try await allPages { token in
                let page = try await connection.call(
                    ActivationCommands.service, Self.method, ActivationV1.ListCodesRequest(pageSize: 500, pageToken: token),
                    metadata: metadata)
                return (page.codes, page.nextPageToken)
            }
            if connection.json { return try Output.json(codes) }
            ActivationFormatting.codeTable(codes, showText: true)
        }
    }

    struct Code: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "Show one of your codes (--as ACCOUNT).")
        static let method = ActivationV1.ActivationService.Method.getCode

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code id (code_…), as `codes` lists it.")
        var codeID: String

        func run() async throws {
            let code = try await connection.call(
                ActivationCommands.service, Self.method, ActivationV1.GetCodeRequest(codeID: codeID),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(code) }
            ActivationFormatting.codeDetails(code)
        }
    }

    struct Bind: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bind one of your codes to a phone device id and a WeChat openid, for good (--as ACCOUNT).")
        static let method = ActivationV1.ActivationService.Method.bindCode

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code text: \"HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX\".")
        var code: String
        @Option(help: "The phone's device id.")
        var device: String
        @Option(help: "The WeChat openid.")
        var wechat: String

        func run() async throws {
            let response = try await connection.call(
                ActivationCommands.service, Self.method,
                ActivationV1.BindCodeRequest(code: code, deviceID: device, wechatOpenid: wechat), metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(response) }
            print(response.newlyBound ? "Bound." : "Already bound to this device and WeChat id: nothing changed.")
            if let code = response.code { ActivationFormatting.codeDetails(code) }
        }
    }

    // MARK: Operators

    struct ApplyExpansion: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply-expansion",
            abstract: "Operator: apply a paid expansion ticket; the code's capacity grows by 100 × groups.")
        static let method = ActivationV1.ActivationService.Method.applyExpansion

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The expansion ticket id, as `pending-expansions` lists it.")
        var ticketID: String

        func run() async throws {
            let response = try await connection.call(
                ActivationCommands.service, Self.method, ActivationV1.ApplyExpansionRequest(ticketID: ticketID))
            if connection.json { return try Output.json(response) }
            print(response.appliedNow ? "Applied." : "Already applied before: nothing changed.")
            if let expansion = response.expansion { ActivationFormatting.expansionTable([expansion]) }
            if let code = response.code {
                print("")
                ActivationFormatting.codeDetails(code)
            }
        }
    }

    struct PendingExpansions: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "pending-expansions", abstract: "Operator: paid expansions waiting to be applied, oldest first.")
        static let method = ActivationV1.ActivationService.Method.listPendingExpansions

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this account's.")
        var account: String = ""

        func run() async throws {
            let expansions = try await allPages { token in
                let page = try await connection.call(
                    ActivationCommands.service, Self.method,
                    ActivationV1.ListPendingExpansionsRequest(accountID: account, pageSize: 500, pageToken: token))
                return (page.expansions, page.nextPageToken)
            }
            if connection.json { return try Output.json(expansions) }
            if expansions.isEmpty { return print("No paid expansion is waiting.") }
            ActivationFormatting.expansionTable(expansions)
        }
    }

    struct AccountCodes: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "account-codes", abstract: "Operator: any account's codes (code text masked).")
        static let method = ActivationV1.ActivationService.Method.listAccountCodes

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The account id.")
        var accountID: String

        func run() async throws {
            let codes = try await allPages { token in
                let page = try await connection.call(
                    ActivationCommands.service, Self.method,
                    ActivationV1.ListAccountCodesRequest(accountID: accountID, pageSize: 500, pageToken: token))
                return (page.codes, page.nextPageToken)
            }
            if connection.json { return try Output.json(codes) }
            ActivationFormatting.codeTable(codes, showText: false)
        }
    }

    struct Authorize: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator: may this device and WeChat id start a broadcast with this code now? (What room-session asks.)")
        static let method = ActivationV1.ActivationService.Method.authorizeBroadcast

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code text: \"HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX\".")
        var code: String
        @Option(help: "The phone's device id.")
        var device: String
        @Option(help: "The WeChat openid.")
        var wechat: String

        func run() async throws {
            let answer = try await connection.call(
                ActivationCommands.service, Self.method,
                ActivationV1.AuthorizeBroadcastRequest(code: code, deviceID: device, wechatOpenid: wechat))
            if connection.json { return try Output.json(answer) }
            Output.fields([
                ("Authorized", "yes"),
                ("Code id", answer.codeID),
                ("Account", answer.accountID),
                ("Capacity", ActivationFormatting.viewers(answer.capacity)),
                ("Code valid until", ActivationFormatting.cst(answer.codeValidUntilMs)),
                ("Fee active until", ActivationFormatting.cst(answer.feeActiveUntilMs)),
            ])
        }
    }

    struct Bounds: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator: the bounds a live broadcast of this code has now, as --as's account (what room-session asks after a renewal or a restart).")
        static let method = ActivationV1.ActivationService.Method.getBroadcastBounds

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code id (code_…).")
        var codeID: String

        func run() async throws {
            let bounds = try await connection.call(
                ActivationCommands.service, Self.method, ActivationV1.GetBroadcastBoundsRequest(codeID: codeID),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(bounds) }
            Output.fields([
                ("Code id", bounds.codeID),
                ("Account", bounds.accountID),
                ("Code valid until", bounds.codeValidUntilMs == 0 ? "-" : ActivationFormatting.cst(bounds.codeValidUntilMs)),
                ("Fee active until", bounds.feeActiveUntilMs == 0 ? "- (no active fee term)" : ActivationFormatting.cst(bounds.feeActiveUntilMs)),
            ])
        }
    }

    struct OutboxStatus: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox",
            abstract: "Operator: messages to billing (ExpansionApplied) or to room-session (fee-terms changes) and their delivery.")
        static let method = ActivationV1.ActivationService.Method.getOutboxStatus

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Which peer's messages: billing or room-session.")
        var to = "billing"

        func run() async throws {
            let status = try await connection.call(
                ActivationCommands.service, Self.method, ActivationV1.GetOutboxStatusRequest(destination: to))
            if connection.json { return try Output.json(status) }
            OutboxFormatting.print(status)
        }
    }
}
