import ArgumentParser
import HuanjuDomain
import HuanjuRuntime
import RoomSessionService

/// `room-session`: broadcasts, viewer concurrency and the data radar of Huanju Live.
///
/// | flag | environment | default |
/// |---|---|---|
/// | `--activation-socket` | `HUANJU_ACTIVATION_SOCKET` | `<runtime-dir>/activation-admin.sock` |
/// | `--lease-seconds` | `HUANJU_LEASE_SECONDS` | 60 |
///
/// plus the common flags (`CommonOptions`).
@main
struct RoomSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "room-session",
        abstract: "Serve Huanju Live broadcasts, viewer admission and the data radar on Unix sockets.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Activation's operator socket (env HUANJU_ACTIVATION_SOCKET; default <runtime-dir>/activation-admin.sock).")
    var activationSocket: String?

    @Option(help: "Seconds a join or heartbeat keeps a viewer present (env HUANJU_LEASE_SECONDS).")
    var leaseSeconds: Int64 = environment("HUANJU_LEASE_SECONDS").flatMap { Int64($0) } ?? 60

    func validate() throws {
        guard leaseSeconds >= 1, leaseSeconds <= 24 * 86_400 else {
            throw ValidationError("--lease-seconds must be between 1 and 2073600 (24 days); got \(leaseSeconds)")
        }
    }

    func run() async throws {
        try await runRoomSession(
            options: common, activationSocket: activationSocket ?? environment("HUANJU_ACTIVATION_SOCKET"),
            lease: .seconds(leaseSeconds))
    }
}
