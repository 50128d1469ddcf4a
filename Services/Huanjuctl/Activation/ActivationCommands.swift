import ArgumentParser
import HuanjuAPI
import HuanjuWire

/// `huanjuctl activation …`: the activation service's customer and operator actions.
///
/// Customers (`--as ACCOUNT`): `codes`, `code`, `bind`. Operators (the operator socket):
/// `apply-expansion`, `pending-expansions`, `account-codes`, `outbox`, and `authorize`, which
/// asks what room-session asks before a broadcast (handy for demos).
struct ActivationCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activation",
        abstract: "Customer and operator actions of the activation service.",
        subcommands: [
            Codes.self, Code.self, Bind.self,
            ApplyExpansion.self, PendingExpansions.self, AccountCodes.self, Authorize.self, OutboxStatus.self,
        ])

    static let service = "activation"

    // MARK: Customers

    struct Codes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List your codes with their status now, capacity, deadlines and full text (--as ACCOUNT).")

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let metadata = try connection.customerMetadata()
            let codes = try await allPages { token in
                let page: ListCodesResponse = try await connection.call(
                    ActivationCommands.service, ActivationMethods.listCodes, ListCodesRequest(pageSize: 500, pageToken: token),
                    metadata: metadata)
                return (page.codes, page.nextPageToken)
            }
            if connection.json { return try Output.json(codes) }
            ActivationFormatting.codeTable(codes, showText: true)
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one of your codes (--as ACCOUNT).")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code id (code_…), as `codes` lists it.")
        var codeId: String

        func run() async throws {
            let code: CodeMessage = try await connection.call(
                ActivationCommands.service, ActivationMethods.getCode, GetCodeRequest(codeId: codeId),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(code) }
            ActivationFormatting.codeDetails(code)
        }
    }

    struct Bind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bind one of your codes to a phone device id and a WeChat openid, for good (--as ACCOUNT).")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code text: \"HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX\".")
        var code: String
        @Option(help: "The phone's device id.")
        var device: String
        @Option(help: "The WeChat openid.")
        var wechat: String

        func run() async throws {
            let response: BindCodeResponse = try await connection.call(
                ActivationCommands.service, ActivationMethods.bindCode,
                BindCodeRequest(code: code, deviceId: device, wechatOpenid: wechat), metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(response) }
            print(response.newlyBound ? "Bound." : "Already bound to this device and WeChat id: nothing changed.")
            if let code = response.code { ActivationFormatting.codeDetails(code) }
        }
    }

    // MARK: Operators

    struct ApplyExpansion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply-expansion",
            abstract: "Operator: apply a paid expansion ticket; the code's capacity grows by 100 × groups.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The expansion ticket id, as `pending-expansions` lists it.")
        var ticketId: String

        func run() async throws {
            let response: ApplyExpansionResponse = try await connection.call(
                ActivationCommands.service, ActivationMethods.applyExpansion, ApplyExpansionRequest(ticketId: ticketId),
                operator: true)
            if connection.json { return try Output.json(response) }
            print(response.appliedNow ? "Applied." : "Already applied before: nothing changed.")
            if let expansion = response.expansion { ActivationFormatting.expansionTable([expansion]) }
            if let code = response.code {
                print("")
                ActivationFormatting.codeDetails(code)
            }
        }
    }

    struct PendingExpansions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pending-expansions", abstract: "Operator: paid expansions waiting to be applied, oldest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this account's.")
        var account: String = ""

        func run() async throws {
            let expansions = try await allPages { token in
                let page: ListExpansionsResponse = try await connection.call(
                    ActivationCommands.service, ActivationMethods.listPendingExpansions,
                    ListPendingExpansionsRequest(accountId: account, pageSize: 500, pageToken: token), operator: true)
                return (page.expansions, page.nextPageToken)
            }
            if connection.json { return try Output.json(expansions) }
            if expansions.isEmpty { return print("No paid expansion is waiting.") }
            ActivationFormatting.expansionTable(expansions)
        }
    }

    struct AccountCodes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "account-codes", abstract: "Operator: any account's codes (code text masked).")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The account id.")
        var accountId: String

        func run() async throws {
            let codes = try await allPages { token in
                let page: ListCodesResponse = try await connection.call(
                    ActivationCommands.service, ActivationMethods.listAccountCodes,
                    ListAccountCodesRequest(accountId: accountId, pageSize: 500, pageToken: token), operator: true)
                return (page.codes, page.nextPageToken)
            }
            if connection.json { return try Output.json(codes) }
            ActivationFormatting.codeTable(codes, showText: false)
        }
    }

    struct Authorize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator: may this device and WeChat id start a broadcast with this code now? (What room-session asks.)")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code text: \"HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX\".")
        var code: String
        @Option(help: "The phone's device id.")
        var device: String
        @Option(help: "The WeChat openid.")
        var wechat: String

        func run() async throws {
            let answer: AuthorizeBroadcastResponse = try await connection.call(
                ActivationCommands.service, ActivationMethods.authorizeBroadcast,
                AuthorizeBroadcastRequest(code: code, deviceId: device, wechatOpenid: wechat), operator: true)
            if connection.json { return try Output.json(answer) }
            Output.fields([
                ("Authorized", "yes"),
                ("Code id", answer.codeId),
                ("Account", answer.accountId),
                ("Capacity", ActivationFormatting.viewers(answer.capacity)),
                ("Code valid until", "\(answer.codeValidUntilMs)"),
                ("Fee active until", "\(answer.feeActiveUntilMs)"),
            ])
        }
    }

    struct OutboxStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox", abstract: "Operator: messages to billing (ExpansionApplied) and their delivery.")

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let status: OutboxStatusMessage = try await connection.call(
                ActivationCommands.service, ActivationMethods.getOutboxStatus, GetOutboxStatusRequest(), operator: true)
            if connection.json { return try Output.json(status) }
            Output.fields([("Waiting", "\(status.backlog)"), ("Delivered", "\(status.delivered)")])
            for (title, messages) in [("Waiting (oldest first)", status.waiting), ("Recently delivered", status.recent)]
            where !messages.isEmpty {
                print("\n\(title):")
                Output.table(["SEQ", "MESSAGE ID", "CREATED", "ATTEMPTS", "DELIVERED", "LAST ERROR"], messages.map {
                    ["\($0.sequence)", $0.messageId, "\($0.createdAtMs)", "\($0.attempts)",
                     ActivationFormatting.instant($0.deliveredAtMs), $0.lastError]
                })
            }
        }
    }
}
