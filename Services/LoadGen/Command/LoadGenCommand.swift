import ArgumentParser

/// The root command: one subcommand per target the viewer path is measured against, and the
/// stand-in activation peer that lets the session service open paid rooms without billing.
struct LoadGenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huanju-loadgen",
        abstract: "Drive viewer Join / Heartbeat / Leave calls at the room-session service, Redis or a framing-only echo.",
        discussion: """
            Each run opens --connections connections, keeps --depth calls in flight on each, and \
            prints a `result:` line (calls/s, latency percentiles, refusals, server CPU per call \
            and resident memory). `make bench` (Tests/Benchmarks/bench.sh) runs them side by side.
            """,
        subcommands: [SessionCommand.self, RedisCommand.self, EchoCommand.self, StubActivationCommand.self])
}
