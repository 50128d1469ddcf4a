import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// `huanju-loadgen stub-activation`: a stand-in for the activation service's operator socket
/// that answers `AuthorizeBroadcast` only, so that `make bench` can open paid rooms of any
/// size without running billing and activation (which are not on the viewer path).
///
/// A code `HJ-BENCH-<capacity>-…` is authorized for any device and WeChat id, as account
/// `acc_BENCH`, with that capacity, valid and paid for a year from now. Any other code is
/// NOT_FOUND. The session service under test is the real one, unchanged; it is only pointed
/// at this socket (`<runtime-dir>/activation-admin.sock`, its default peer address).
struct StubActivationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stub-activation",
        abstract: "Serve Activation/AuthorizeBroadcast for HJ-BENCH-<capacity>-… codes (benchmark set-up only).")

    @Option(help: "The runtime directory: serves <dir>/activation-admin.sock.")
    var runtimeDir: String

    func run() async throws {
        var router = Router(serviceName: "activation")
        router.register(ActivationV1.ActivationService.Method.authorizeBroadcast) { request, _ in
            try Self.authorize(request)
        }
        router.addStandardServices(health: HealthStatus(serving: true))
        let server = RPCServer(configuration: ServerConfiguration(serviceName: "activation", runtimeDirectory: runtimeDir), router: router)
        try await server.run()
    }

    /// The answer for `request`.
    static func authorize(_ request: ActivationV1.AuthorizeBroadcastRequest) throws -> ActivationV1.AuthorizeBroadcastResponse {
        let parts = request.code.split(separator: "-")
        guard parts.count >= 3, parts[0] == "HJ", parts[1] == "BENCH", let capacity = UInt32(parts[2]), capacity >= 1 else {
            throw RPCError(.notFound, "the benchmark's stand-in activation knows only codes HJ-BENCH-<capacity>-…; got \(request.code)")
        }
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        let now = Instant(unixMilliseconds: Int64(wall.tv_sec) * 1000 + Int64(wall.tv_nsec) / 1_000_000)
        let yearFromNow = now.adding(hours: 24 * 365)
        return ActivationV1.AuthorizeBroadcastResponse(
            codeID: "code_BENCH_" + parts.dropFirst(2).joined(separator: "_"), accountID: SessionRooms.account, capacity: capacity,
            codeValidUntilMs: yearFromNow.unixMilliseconds, feeActiveUntilMs: yearFromNow.unixMilliseconds)
    }
}
