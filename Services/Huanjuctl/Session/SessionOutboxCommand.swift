import ArgumentParser
import HuanjuAPI
import HuanjuWire

extension SessionCommands {
    /// `huanjuctl room-session outbox`: room-session's messages to activation.
    struct OutboxCommand: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox",
            abstract: "Operator: paid broadcasts' starts and ends waiting for activation (the feed), and the latest delivered.")
        static let method = SessionV1.RoomSessionService.Method.getOutboxStatus

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let status = try await connection.call(SessionCommands.service, Self.method, SessionV1.GetOutboxStatusRequest())
            if connection.json { return try Output.json(status) }
            OutboxFormatting.print(status)
        }
    }
}
