import ArgumentParser
import HuanjuAPI
import HuanjuWire

/// `huanjuctl activation webhook set URL | show | test | delete` (a customer's own endpoint,
/// `--as ACCOUNT`) and the operators' `webhook-status [--account ACCOUNT]`.
extension ActivationCommands {
    struct Webhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your account's webhook endpoint: every event of your feed POSTed to it, signed (--as ACCOUNT).",
            subcommands: [SetURL.self, Show.self, Test.self, Delete.self])

        struct SetURL: AsyncParsableCommand, SingleMethodCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Register (or replace) your endpoint; prints its signing secret, shown only this once.")
            static let method = ActivationV1.ActivationService.Method.setWebhook

            @OptionGroup var connection: ConnectionOptions
            @Argument(help: "http://HOST[:PORT]/PATH (an https endpoint: through your TLS-originating proxy's http:// address).")
            var url: String

            func run() async throws {
                let response = try await connection.call(
                    ActivationCommands.service, Self.method, ActivationV1.SetWebhookRequest(url: url),
                    metadata: try connection.customerMetadata())
                if connection.json { return try Output.json(response) }
                Output.fields([("Secret", response.secret)])
                print("Keep the secret now: it is not shown again (set the endpoint again to rotate it).")
                print("Events recorded from now on are POSTed to the endpoint, signed with it (Huanju-Signature).\n")
                if let webhook = response.webhook { WebhookFormatting.details(webhook) }
            }
        }

        struct Show: AsyncParsableCommand, SingleMethodCommand {
            static let configuration = CommandConfiguration(abstract: "Your endpoint and how its delivery stands (never the secret).")
            static let method = ActivationV1.ActivationService.Method.getWebhook

            @OptionGroup var connection: ConnectionOptions

            func run() async throws {
                let webhook = try await connection.call(
                    ActivationCommands.service, Self.method, ActivationV1.GetWebhookRequest(),
                    metadata: try connection.customerMetadata())
                if connection.json { return try Output.json(webhook) }
                WebhookFormatting.details(webhook)
            }
        }

        struct Test: AsyncParsableCommand, SingleMethodCommand {
            static let configuration = CommandConfiguration(
                abstract: "Send one signed webhook.test event to your endpoint now and print how it answered (exit 1 unless 2xx).")
            static let method = ActivationV1.ActivationService.Method.testWebhook

            @OptionGroup var connection: ConnectionOptions

            func run() async throws {
                let response = try await connection.call(
                    ActivationCommands.service, Self.method, ActivationV1.TestWebhookRequest(),
                    metadata: try connection.customerMetadata())
                if connection.json { return try Output.json(response) }
                Output.fields([
                    ("Endpoint", response.url),
                    ("Event id", response.eventID),
                    ("Answer", response.httpStatus == 0 ? "none" : "HTTP \(response.httpStatus)"),
                    ("Result", response.acknowledged ? "acknowledged" : "failed: \(response.error)"),
                    ("Took", "\(response.durationMs) ms"),
                ])
                if !response.acknowledged { throw ExitCode.failure }
            }
        }

        struct Delete: AsyncParsableCommand, SingleMethodCommand {
            static let configuration = CommandConfiguration(abstract: "Remove your endpoint: nothing more is sent to it.")
            static let method = ActivationV1.ActivationService.Method.deleteWebhook

            @OptionGroup var connection: ConnectionOptions

            func run() async throws {
                let response = try await connection.call(
                    ActivationCommands.service, Self.method, ActivationV1.DeleteWebhookRequest(),
                    metadata: try connection.customerMetadata())
                if connection.json { return try Output.json(response) }
                print(response.deleted ? "Deleted." : "This account had no webhook endpoint: nothing changed.")
            }
        }
    }

    struct WebhookStatus: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "webhook-status",
            abstract: "Operator: webhook delivery — endpoints, events waiting, failing endpoints and their next attempts.")
        static let method = ActivationV1.ActivationService.Method.getWebhookStatus

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this account's endpoint.")
        var account: String = ""

        func run() async throws {
            let status = try await connection.call(
                ActivationCommands.service, Self.method, ActivationV1.GetWebhookStatusRequest(accountID: account))
            if connection.json { return try Output.json(status) }
            Output.fields([
                ("Endpoints", "\(status.endpoints)"),
                ("Events waiting", "\(status.backlog)"),
                ("Failing", "\(status.failing)"),
                ("Oldest waiting since", ActivationFormatting.instant(status.oldestUndeliveredAtMs)),
            ])
            guard !status.webhooks.isEmpty else { return }
            print("")
            Output.table(["ACCOUNT", "URL", "WAITING", "ATTEMPTS", "LAST ATTEMPT", "NEXT ATTEMPT", "LAST ERROR"], status.webhooks.map {
                [$0.accountID, $0.url, "\($0.backlog)", "\($0.attempts)", ActivationFormatting.instant($0.lastAttemptAtMs),
                 ActivationFormatting.instant($0.nextAttemptAtMs), $0.lastError]
            })
        }
    }
}

/// How a webhook endpoint is printed.
enum WebhookFormatting {
    static func details(_ webhook: ActivationV1.Webhook) {
        Output.fields([
            ("URL", webhook.url),
            ("Registered", ActivationFormatting.instant(webhook.createdAtMs)),
            ("Last set", ActivationFormatting.instant(webhook.updatedAtMs)),
            ("Delivered through", webhook.deliveredThrough.isEmpty ? "- (the start of the feed)" : "cursor \(webhook.deliveredThrough)"),
            ("Delivered", "\(webhook.delivered)"),
            ("Waiting", webhook.backlog == 0 ? "0" : "\(webhook.backlog) (next: \(webhook.nextEventID))"),
            ("Failed attempts", "\(webhook.attempts)"),
            ("Last attempt", ActivationFormatting.instant(webhook.lastAttemptAtMs)
                + (webhook.lastHTTPStatus == 0 ? "" : " (HTTP \(webhook.lastHTTPStatus))")),
            ("Last error", webhook.lastError.isEmpty ? "-" : webhook.lastError),
            ("Next attempt", webhook.nextAttemptAtMs == 0 ? "-" : ActivationFormatting.cst(webhook.nextAttemptAtMs)),
            ("Last delivered", ActivationFormatting.instant(webhook.lastDeliveredAtMs)),
        ])
    }
}
