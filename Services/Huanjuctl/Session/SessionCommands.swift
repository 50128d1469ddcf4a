import ArgumentParser
import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// `huanjuctl room-session …`: broadcasts, viewers and the data radar.
///
/// Hosts: `start` (paid, `--as ACCOUNT`), `trial`, `end`, `show`, `list`, `radar` (with the
/// host token `--token`, or `--as` the account whose code started it). Viewers: `join`,
/// `heartbeat`, `leave`. Demos: `fill` admits many viewers at once. Operators: `outbox`
/// (paid broadcasts' starts and ends waiting for activation).
struct SessionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "room-session",
        abstract: "Broadcasts, viewers and the data radar of the room-session service.",
        subcommands: [
            Start.self, Trial.self, End.self, Show.self, List.self, Radar.self,
            Join.self, Heartbeat.self, Leave.self, Fill.self, OutboxCommand.self,
        ])

    static let service = "room-session"

    /// `--token` or `--as`: how a host proves a broadcast is its own.
    struct HostOptions: ParsableArguments {
        @Option(help: "The broadcast's host token, as `start` or `trial` printed it (or pass --as the owning account).")
        var token: String?

        /// Metadata with the account, when `--as` (or HUANJU_ACCOUNT) is given.
        func metadata(_ connection: ConnectionOptions) throws -> [String: String] {
            guard token != nil || connection.accountID != nil else {
                throw ValidationError("say whose broadcast it is: --token HOST_TOKEN, or --as ACCOUNT_ID for a paid broadcast")
            }
            return connection.accountID.map { [MetadataKey.accountID: $0] } ?? [:]
        }
    }

    // MARK: Hosts

    struct Start: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a paid broadcast with a bound code, from its bound device and WeChat id (--as ACCOUNT).")
        static let method = SessionV1.RoomSessionService.Method.startBroadcast

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code text: \"HJ-XXXXX-…\".")
        var code: String
        @Option(help: "The phone's device id the code is bound to.")
        var device: String
        @Option(help: "The WeChat openid the code is bound to.")
        var wechat: String
        @Option(help: "A title for the broadcast.")
        var title: String = ""

        func run() async throws {
            let response = try await connection.call(
                SessionCommands.service, Self.method,
                SessionV1.StartBroadcastRequest(code: code, deviceID: device, wechatOpenid: wechat, title: title),
                metadata: try connection.customerMetadata())
            try SessionFormatting.started(response, json: connection.json)
        }
    }

    struct Trial: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a free trial broadcast: 10 viewers, 4 hours, radar top 2 (no account, no code).")
        static let method = SessionV1.RoomSessionService.Method.startTrialBroadcast

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The phone's device id.")
        var device: String
        @Option(help: "The WeChat openid.")
        var wechat: String
        @Option(help: "A title for the broadcast.")
        var title: String = ""

        func run() async throws {
            let response = try await connection.call(
                SessionCommands.service, Self.method,
                SessionV1.StartTrialBroadcastRequest(deviceID: device, wechatOpenid: wechat, title: title))
            try SessionFormatting.started(response, json: connection.json)
        }
    }

    struct End: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "End a broadcast now (--token T or --as ACCOUNT).")
        static let method = SessionV1.RoomSessionService.Method.endBroadcast

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var host: HostOptions
        @Argument(help: "The broadcast id (bc_…).")
        var broadcast: String

        func run() async throws {
            let ended = try await connection.call(
                SessionCommands.service, Self.method,
                SessionV1.HostedBroadcastRequest(broadcastID: broadcast, hostToken: host.token ?? ""),
                metadata: try host.metadata(connection))
            if connection.json { return try Output.json(ended) }
            SessionFormatting.details(ended)
        }
    }

    struct Show: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a broadcast: live (present, peak, limit, ends at) or ended (--token T or --as ACCOUNT).")
        static let method = SessionV1.RoomSessionService.Method.getBroadcast

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var host: HostOptions
        @Argument(help: "The broadcast id (bc_…).")
        var broadcast: String

        func run() async throws {
            let shown = try await connection.call(
                SessionCommands.service, Self.method,
                SessionV1.HostedBroadcastRequest(broadcastID: broadcast, hostToken: host.token ?? ""),
                metadata: try host.metadata(connection))
            if connection.json { return try Output.json(shown) }
            SessionFormatting.details(shown)
        }
    }

    struct List: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "List your paid broadcasts, newest first (--as ACCOUNT).")
        static let method = SessionV1.RoomSessionService.Method.listBroadcasts

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Broadcasts per page (1–500; default: every page).")
        var pageSize: UInt32?
        @Option(help: "The page to show, as a previous page's next token printed it.")
        var pageToken: String = ""

        func run() async throws {
            let metadata = try connection.customerMetadata()
            var broadcasts: [SessionV1.Broadcast] = []
            var token = pageToken
            var next = ""
            repeat {
                let page = try await connection.call(
                    SessionCommands.service, Self.method,
                    SessionV1.ListBroadcastsRequest(pageSize: pageSize ?? 500, pageToken: token), metadata: metadata)
                broadcasts += page.broadcasts
                token = page.nextPageToken
                next = page.nextPageToken
            } while pageSize == nil && !token.isEmpty
            if connection.json { return try Output.json(SessionV1.ListBroadcastsResponse(broadcasts: broadcasts, nextPageToken: next)) }
            SessionFormatting.table(broadcasts)
            if !next.isEmpty { print("\nMore: --page-token \(next)") }
        }
    }

    struct Radar: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a broadcast's data radar: viewers by watch time, and totals (--token T or --as ACCOUNT).")
        static let method = SessionV1.RoomSessionService.Method.getRadar

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var host: HostOptions
        @Argument(help: "The broadcast id (bc_…).")
        var broadcast: String
        @Option(help: "Viewers per page (1–500, default 50).")
        var pageSize: UInt32 = 50
        @Option(help: "The page to show, as a previous page's next token printed it.")
        var pageToken: String = ""

        func run() async throws {
            let radar = try await connection.call(
                SessionCommands.service, Self.method,
                SessionV1.RadarRequest(broadcastID: broadcast, hostToken: host.token ?? "", pageSize: pageSize, pageToken: pageToken),
                metadata: try host.metadata(connection))
            if connection.json { return try Output.json(radar) }
            SessionFormatting.radar(radar)
        }
    }

    // MARK: Viewers

    struct ViewerArguments: ParsableArguments {
        @Argument(help: "The broadcast id (bc_…).")
        var broadcast: String
        @Argument(help: "The viewer id, e.g. wx_0123456789abcdef.")
        var viewer: String
    }

    struct Join: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "A viewer joins a live broadcast.")
        static let method = SessionV1.RoomSessionService.Method.join
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var viewer: ViewerArguments

        func run() async throws {
            try await SessionFormatting.viewerCall(Self.method, viewer, connection)
        }
    }

    struct Heartbeat: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "A present viewer renews its lease.")
        static let method = SessionV1.RoomSessionService.Method.heartbeat
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var viewer: ViewerArguments

        func run() async throws {
            try await SessionFormatting.viewerCall(Self.method, viewer, connection)
        }
    }

    struct Leave: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(abstract: "A viewer leaves: its place is freed at once.")
        static let method = SessionV1.RoomSessionService.Method.leave
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var viewer: ViewerArguments

        func run() async throws {
            try await SessionFormatting.viewerCall(Self.method, viewer, connection)
        }
    }

    struct Fill: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join many distinct viewers at once on one connection (demos): prints how many were admitted and refused.")
        static let method = SessionV1.RoomSessionService.Method.join

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The broadcast id (bc_…).")
        var broadcast: String
        @Option(help: "How many distinct viewers join.")
        var viewers: Int
        @Option(help: "Viewer ids are this prefix and 16 hex digits of their number.")
        var prefix: String = "wx_"
        @Option(help: "The first viewer's number (to add viewers after an earlier fill).")
        var first: Int = 0
        @Option(help: "Joins in flight at once.")
        var concurrency: Int = 64

        func validate() throws {
            guard viewers >= 1 else { throw ValidationError("--viewers must be at least 1") }
            guard first >= 0 else { throw ValidationError("--first must not be negative") }
            guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 1024") }
        }

        func run() async throws {
            let client = connection.client(SessionCommands.service)
            let deadlineMs = Int64(connection.deadlineMs)
            let (broadcast, prefix, first, viewers, lanes) = (broadcast, prefix, first, viewers, concurrency)
            let started = ContinuousClock.now
            let outcome = try await withThrowingTaskGroup(of: FillTally.self) { group in
                for lane in 0..<min(lanes, viewers) {
                    group.addTask {
                        var tally = FillTally()
                        var index = lane
                        while index < viewers {
                            let viewer = prefix + String(format: "%016llx", UInt64(first + index))
                            do {
                                _ = try await client.call(
                                    Self.method, SessionV1.ViewerRequest(broadcastID: broadcast, viewerID: viewer),
                                    deadline: .milliseconds(deadlineMs))
                                tally.admitted += 1
                            } catch let error as RPCError {
                                if error.code == .unavailable && tally.admitted == 0 && tally.refused.isEmpty {
                                    throw CallRefused(error: error)
                                }
                                tally.refused[error.code.description, default: 0] += 1
                                tally.lastRefusal = error
                            }
                            index += lanes
                        }
                        return tally
                    }
                }
                return try await group.reduce(into: FillTally()) { $0.merge($1) }
            }
            await client.close()
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            if connection.json { return try Output.json(outcome) }
            let refused = outcome.refused.values.reduce(0, +)
            print("Admitted \(outcome.admitted), refused \(refused) of \(viewers) viewers in "
                + String(format: "%.2f s (%.0f joins/s)", seconds, Double(viewers) / max(seconds, 0.000_001)))
            for (status, count) in outcome.refused.sorted(by: { $0.key < $1.key }) { print("  \(status): \(count)") }
            if let last = outcome.lastRefusal { print("  e.g. \(last.code): \(last.message)") }
        }
    }
}
