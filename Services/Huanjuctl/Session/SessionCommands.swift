import ArgumentParser

/// `huanjuctl room-session …`: the room-session service's customer and operator actions.
struct SessionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "room-session",
        abstract: "Customer and operator actions of the room-session service.",
        subcommands: [])
}
