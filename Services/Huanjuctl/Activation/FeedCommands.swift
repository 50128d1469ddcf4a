import ArgumentParser
import HuanjuAPI
import HuanjuWire

#if canImport(Glibc)
import Glibc
#endif

/// `huanjuctl activation events` (a customer's own feed) and `account-events` (an operator's
/// view of any account's): every event after a cursor, oldest first; `--follow` keeps asking
/// for what comes next, once a second, until interrupted.
extension ActivationCommands {
    struct Events: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your account's events: fee, codes, expansions and reminders, oldest first (--as ACCOUNT).")
        static let method = ActivationV1.ActivationService.Method.listAccountEvents

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var feed: FeedOptions

        func run() async throws {
            let metadata = try connection.customerMetadata()
            try await feed.read(json: connection.json) { after in
                try await connection.call(
                    ActivationCommands.service, Self.method,
                    ActivationV1.ListAccountEventsRequest(after: after, pageSize: 500), metadata: metadata)
            }
        }
    }

    struct AccountEvents: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "account-events", abstract: "Operator: any account's events, oldest first.")
        static let method = ActivationV1.ActivationService.Method.listAnyAccountEvents

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var feed: FeedOptions
        @Argument(help: "The account id.")
        var accountID: String

        func run() async throws {
            try await feed.read(json: connection.json) { after in
                try await connection.call(
                    ActivationCommands.service, Self.method,
                    ActivationV1.ListAnyAccountEventsRequest(accountID: accountID, after: after, pageSize: 500))
            }
        }
    }
}

/// Where to start reading a feed and whether to keep following it.
struct FeedOptions: ParsableArguments {
    @Option(help: "Start after this event's cursor (as a previous run printed it); default: the first event.")
    var after: String = ""
    @Flag(help: "Keep printing new events as they are recorded (once a second), until interrupted.")
    var follow = false

    /// Prints every page from `after` on; with `--follow`, goes on asking from the last cursor.
    /// With `--json`: a JSON array of the events, or with `--follow` one JSON object per line.
    func read(
        json: Bool, _ page: (String) async throws -> ActivationV1.ListAccountEventsResponse
    ) async throws {
        var cursor = after
        var collected: [ActivationV1.FeedEvent] = []
        while true {
            let response = try await page(cursor)
            for event in response.events {
                if !follow {
                    collected.append(event)
                } else if json {
                    try Output.jsonLine(event)
                } else {
                    print(FeedFormatting.line(event))
                }
            }
            fflush(nil)  // every stream: a pipe (grep, a file) sees each event at once
            cursor = response.nextCursor
            if !response.events.isEmpty { continue }
            guard follow else { break }
            try await Task.sleep(for: .seconds(1))
        }
        if json { return try Output.json(collected) }
        if collected.isEmpty { return print("No events.") }
        collected.forEach { print(FeedFormatting.line($0)) }
    }
}

/// One line per feed event: when it took effect, its type, its cursor, what it says.
enum FeedFormatting {
    static func line(_ event: ActivationV1.FeedEvent) -> String {
        "\(ActivationFormatting.cst(event.occurredAtMs))  \(event.type.shortName)  [\(event.cursor)]  \(event.text)"
    }
}
