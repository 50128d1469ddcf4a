import ArgumentParser

/// `huanjuctl billing …`: the billing service's customer and operator actions.
struct BillingCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "Customer and operator actions of the billing service.",
        subcommands: [])
}
