import ArgumentParser
import BillingService
import HuanjuRuntime

/// `billing`: the billing service (accounts, applications, orders, annual fee, expansion
/// tickets). See `runBilling`.
@main
struct Billing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "The Huanju Live billing service: accounts, approval, orders, the annual fee and expansion tickets.")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("activation-socket"), help: ArgumentHelp(
        "Activation's operator socket, for the outbox relay and code look-ups (env HUANJU_ACTIVATION_SOCKET).",
        discussion: "Default: <runtime-dir>/activation-admin.sock."))
    var activationSocketFlag: String?

    func run() async throws {
        try await runBilling(options: common, activationSocket: activationSocketFlag ?? environment("HUANJU_ACTIVATION_SOCKET"))
    }
}
