import ActivationService
import ArgumentParser
import HuanjuRuntime

/// `activation`: the activation service (codes, bindings, expansions) on
/// `<runtime-dir>/activation.sock` and `activation-admin.sock`.
@main
struct Activation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activation",
        abstract: "The Huanju Live activation service: activation codes, their binding and capacity.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Billing's operator socket, where the outbox relay delivers (env HUANJU_BILLING_SOCKET; default <runtime-dir>/billing-admin.sock).")
    var billingSocket: String?

    @Option(help: "Room-session's operator socket, where fee-terms events go (env HUANJU_ROOM_SESSION_SOCKET; default <runtime-dir>/room-session-admin.sock).")
    var roomSessionSocket: String?

    func run() async throws {
        try await runActivation(
            options: common, billingSocket: billingSocket ?? environment("HUANJU_BILLING_SOCKET"),
            roomSessionSocket: roomSessionSocket ?? environment("HUANJU_ROOM_SESSION_SOCKET"))
    }
}
