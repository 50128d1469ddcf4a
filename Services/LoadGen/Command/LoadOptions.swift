import ArgumentParser

/// The options every target shares, so that the session service, Redis and the echo are
/// driven with the same connections, depth, rooms, population and mix.
struct LoadOptions: ParsableArguments {
    @Option(help: "The Unix socket to drive.")
    var socket: String

    @Option(help: "Connections, each its own channel.")
    var connections = 16

    @Option(help: "Calls in flight per connection (1 = ping-pong; 32 = pipelined).")
    var depth = 1

    @Option(help: "Live rooms the viewers are spread over (viewer i watches room i mod rooms).")
    var rooms = 100

    @Option(help: "Viewer population (ids `wx_` + 16 hex).")
    var viewers = 200_000

    @Option(help: "Share of join:heartbeat:leave calls, e.g. 70:25:5.")
    var mix = "70:25:5"

    @Option(help: "Viewer limit of a room.")
    var limit = 20_000

    @Option(help: "Percent of the rooms whose limit is half their audience instead, so that they fill and refuse joins.")
    var crowdedRooms = 10

    @Option(help: "Seconds measured (after --warmup).")
    var duration = 5.0

    @Option(help: "Seconds run before measuring, not counted.")
    var warmup = 1.0

    @Flag(help: "Before the run, join every viewer once (not measured), so that rooms start at their steady state.")
    var prefill = false

    @Flag(help: "Instead of the timed mix: join every viewer exactly once, then report the server's memory growth per present viewer.")
    var fill = false

    @Option(help: "With --fill: the longest wait, in seconds, after the last join for the server to go quiet (under 10 % of a core for half a second) before its memory is read again.")
    var settle = 60.0

    @Option(help: "The server's process id: its CPU time per call and resident memory are read from /proc.")
    var serverPid: Int32?

    @Option(help: "Event-loop threads of the generator.")
    var threads = 2

    @Option(help: "Seed of the call sequence.")
    var seed: UInt64 = 1

    @Option(help: "A name for the result line (default: the target).")
    var label: String?

    func validate() throws {
        guard connections >= 1, connections <= 4096 else { throw ValidationError("--connections must be 1…4096") }
        guard depth >= 1, depth <= InFlightCalls.maxDepth else {
            throw ValidationError("--depth must be 1…\(InFlightCalls.maxDepth)")
        }
        guard rooms >= 1, viewers >= rooms else { throw ValidationError("need --rooms ≥ 1 and --viewers ≥ --rooms") }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard (0...100).contains(crowdedRooms) else { throw ValidationError("--crowded-rooms is a percentage, 0…100") }
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be > 0 and --warmup ≥ 0") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        _ = try CallMix(parsing: mix)
    }

    /// The population this run drives.
    func population() -> Population {
        Population(viewers: viewers, rooms: rooms, limit: limit, crowdedPercent: crowdedRooms, seed: seed)
    }

    /// How the run is paced and measured.
    func schedule() throws -> RunSchedule {
        if fill { return .fill }
        return .timed(warmup: warmup, duration: duration, mix: try CallMix(parsing: mix), prefill: prefill)
    }
}
