import ArgumentParser
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The flags every service takes; each defaults to an environment variable, then to a
/// local folder, so `make up` needs no configuration and systemd units set the environment.
///
/// | flag | environment | default |
/// |---|---|---|
/// | `--runtime-dir` | `HUANJU_RUNTIME_DIR` | `./var/run` (sockets and lock files) |
/// | `--data-dir` | `HUANJU_DATA_DIR` | `./var/data` (SQLite databases) |
/// | `--log-level` | `HUANJU_LOG_LEVEL` | `info` (trace, debug, info, notice, warning, error, critical) |
/// | `--controllable-clock` | `HUANJU_CONTROLLABLE_CLOCK` | unset: the wall clock |
/// | `--max-frame-bytes` | `HUANJU_MAX_FRAME_BYTES` | 4194304 |
/// | `--metrics-address` | `HUANJU_METRICS_ADDRESS` | unset: no HTTP endpoint (loopback `HOST:PORT` only) |
/// | `--max-connections` | `HUANJU_MAX_CONNECTIONS` | 4096 per service (both sockets together) |
/// | `--listen-backlog` | `HUANJU_LISTEN_BACKLOG` | 1024 connection attempts queued per socket |
/// | `--idle-timeout-seconds` | `HUANJU_IDLE_TIMEOUT_SECONDS` | 300: an unused connection is closed after this |
/// | `--frame-timeout-seconds` | `HUANJU_FRAME_TIMEOUT_SECONDS` | 15: a frame must arrive whole within this |
/// | `--event-loops` | `HUANJU_EVENT_LOOPS` | unset: one per CPU the process may run on (affinity, cgroup) |
public struct CommonOptions: ParsableArguments, Sendable {
    @Option(help: "Folder of this service's sockets and lock file (env HUANJU_RUNTIME_DIR).")
    public var runtimeDir: String = environment("HUANJU_RUNTIME_DIR") ?? "./var/run"

    @Option(help: "Folder of this service's SQLite database (env HUANJU_DATA_DIR).")
    public var dataDir: String = environment("HUANJU_DATA_DIR") ?? "./var/data"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env HUANJU_LOG_LEVEL).")
    public var logLevel: Logger.Level = environment("HUANJU_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info

    @Option(name: .customLong("controllable-clock"), help: ArgumentHelp(
        "FOR TESTS AND DEMOS ONLY: read 'now' from this file instead of the wall clock (env HUANJU_CONTROLLABLE_CLOCK).",
        discussion: "Every process given the same file agrees on the time; `huanjuctl clock set|advance` changes it."))
    var controllableClockFlag: String?

    /// The controllable clock's file, from the flag or the environment; nil for the wall clock.
    public var controllableClock: String? { controllableClockFlag ?? environment("HUANJU_CONTROLLABLE_CLOCK") }

    @Option(help: "Largest request frame accepted, in bytes (env HUANJU_MAX_FRAME_BYTES).")
    public var maxFrameBytes: Int = environment("HUANJU_MAX_FRAME_BYTES").flatMap(Int.init) ?? 4 * 1024 * 1024

    @Option(name: .customLong("metrics-address"), help: ArgumentHelp(
        "Also serve /metrics over HTTP for a Prometheus scraper, on this loopback HOST:PORT (env HUANJU_METRICS_ADDRESS).",
        discussion: "Off by default; only 127.0.0.1, ::1 or localhost are accepted."))
    var metricsAddressFlag: String?

    @Option(help: "Connections served at once, both sockets together; one more is refused with RESOURCE_EXHAUSTED (env HUANJU_MAX_CONNECTIONS).")
    public var maxConnections: Int = environment("HUANJU_MAX_CONNECTIONS").flatMap(Int.init) ?? 4096

    @Option(help: "Connection attempts the kernel queues per socket until the service accepts them (env HUANJU_LISTEN_BACKLOG; capped by net.core.somaxconn).")
    public var listenBacklog: Int = environment("HUANJU_LISTEN_BACKLOG").flatMap(Int.init) ?? 1024

    @Option(help: "Seconds a connection may stay unused (no call in flight, nothing arriving) before it is closed (env HUANJU_IDLE_TIMEOUT_SECONDS).")
    public var idleTimeoutSeconds: Int = environment("HUANJU_IDLE_TIMEOUT_SECONDS").flatMap(Int.init) ?? 300

    @Option(help: "Seconds within which a request frame must arrive whole once its first byte came (env HUANJU_FRAME_TIMEOUT_SECONDS).")
    public var frameTimeoutSeconds: Int = environment("HUANJU_FRAME_TIMEOUT_SECONDS").flatMap(Int.init) ?? 15

    @Option(name: .customLong("event-loops"), help: "Event-loop threads serving connections (env HUANJU_EVENT_LOOPS; default: one per CPU this process may run on, from its affinity mask and cgroup).")
    var eventLoopsFlag: Int?

    /// The event loops asked for by flag or environment; nil: one per available CPU.
    public var eventLoops: Int? { eventLoopsFlag ?? environment("HUANJU_EVENT_LOOPS").flatMap(Int.init) }

    public mutating func validate() throws {
        if let eventLoops, !(1...256).contains(eventLoops) {
            throw ValidationError("--event-loops must be 1–256 (got \(eventLoops))")
        }
        for (name, value) in [("--max-connections", maxConnections), ("--listen-backlog", listenBacklog),
                              ("--idle-timeout-seconds", idleTimeoutSeconds), ("--frame-timeout-seconds", frameTimeoutSeconds)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1 (got \(value))")
        }
    }

    /// The loopback address of the optional HTTP metrics endpoint.
    public var metricsAddress: String? { metricsAddressFlag ?? environment("HUANJU_METRICS_ADDRESS") }

    public init() {}

    /// The socket path of a peer service in the same runtime directory.
    public func socketPath(of service: String, operator: Bool) -> String {
        "\(runtimeDir)/\(service)\(`operator` ? "-admin" : "").sock"
    }
}

/// The value of an environment variable, nil when unset or empty.
public func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
