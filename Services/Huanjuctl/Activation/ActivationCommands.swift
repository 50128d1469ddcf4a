import ArgumentParser

/// `huanjuctl activation …`: the activation service's customer and operator actions.
struct ActivationCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activation",
        abstract: "Customer and operator actions of the activation service.",
        subcommands: [])
}
