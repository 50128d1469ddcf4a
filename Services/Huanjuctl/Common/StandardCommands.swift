import ArgumentParser
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// `huanjuctl health [SERVICE…]`: each service's health (SERVING / NOT_SERVING).
struct HealthCommand: AsyncParsableCommand, SingleMethodCommand {
    static let configuration = CommandConfiguration(commandName: "health", abstract: "Show whether each service is SERVING.")
    static let method = HealthV1.HealthService.Method.check

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Services to check (default: billing activation room-session).")
    var services: [String] = ["billing", "activation", "room-session"]

    func run() async throws {
        var rows: [[String]] = []
        var allServing = true
        for service in services {
            let status: String
            do {
                let response = try await connection.client(service)
                    .call(Self.method, HealthV1.HealthCheckRequest(), deadline: .seconds(2))
                status = "\(response.status)"
                allServing = allServing && response.status == .serving
            } catch let error as RPCError {
                status = "\(error.code): \(error.message)"
                allServing = false
            }
            rows.append([service, status])
        }
        if connection.json {
            try Output.json(Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) }))
        } else {
            Output.table(["SERVICE", "HEALTH"], rows)
        }
        if !allServing { throw ExitCode(ExitCodes.unavailable) }
    }
}

/// `huanjuctl methods SERVICE`: the methods a service offers.
struct MethodsCommand: AsyncParsableCommand, SingleMethodCommand {
    static let configuration = CommandConfiguration(commandName: "methods", abstract: "List the methods a service offers.")
    static let method = ReflectionV1.ReflectionService.Method.listMethods

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "billing, activation or room-session.")
    var service: String

    func run() async throws {
        let list = try await connection.call(service, Self.method, ReflectionV1.ListMethodsRequest())
        if connection.json { return try Output.json(list.methods.map(\.name)) }
        Output.table(["METHOD", "ACCESS", "METADATA", "REQUEST"], list.methods.map {
            [$0.name, $0.operatorOnly ? "operator" : "public", $0.requiredMetadata.joined(separator: ","), $0.requestType]
        })
    }
}

/// `huanjuctl clock show|set|advance`: the controllable clock shared by the services.
struct ClockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Read or change the controllable clock file (services started with --controllable-clock).",
        subcommands: [Show.self, Set.self, Advance.self])

    struct ClockFile: ParsableArguments {
        @Option(help: "The clock file the services were started with (env HUANJU_CONTROLLABLE_CLOCK).")
        var file: String = environment("HUANJU_CONTROLLABLE_CLOCK") ?? "./var/clock"
    }

    struct Show: ParsableCommand {
        @OptionGroup var clock: ClockFile
        func run() throws {
            let now = try FileClock.read(clock.file)
            print("\(now)  (\(now.unixMilliseconds) ms)")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the time, in CST: \"2020-05-01 15:00\".")
        @OptionGroup var clock: ClockFile
        @Argument(help: "A CST date and time: \"2020-05-01 15:00\" (seconds optional).")
        var time: String

        func run() throws {
            let instant = try ChinaTime.parse(time)
            try FileClock.set(instant, at: clock.file)
            print("\(instant)  (\(instant.unixMilliseconds) ms)")
        }
    }

    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move the time forward: 90s, 15m, 4h, 30d (or back with a leading -).")
        @OptionGroup var clock: ClockFile
        @Argument(help: "A span: 90s, 15m, 4h, 30d, 500ms.")
        var span: String

        func run() throws {
            let next = try FileClock.advance(by: try SpanParser.parse(span), at: clock.file)
            print("\(next)  (\(next.unixMilliseconds) ms)")
        }
    }
}

/// Parses "90s", "15m", "4h", "30d", "500ms", "-1h".
enum SpanParser {
    static func parse(_ text: String) throws -> TimeSpan {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Int64(text.dropLast(suffix.count)) { return .milliseconds(value * scale) }
        }
        throw ValidationError("'\(text)' is not a span like 90s, 15m, 4h, 30d or 500ms")
    }
}

/// `huanjuctl stats SERVICE`: the service's metrics (Prometheus text), from its operator socket.
struct StatsCommand: AsyncParsableCommand, SingleMethodCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show a service's metrics: calls by method and status, latency, gauges.")
    static let method = MetricsV1.MetricsService.Method.get

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "billing, activation or room-session.")
    var service: String

    func run() async throws {
        let metrics = try await connection.call(service, Self.method, MetricsV1.GetMetricsRequest())
        print(metrics.prometheusText, terminator: "")
    }
}
