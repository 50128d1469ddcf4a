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
            Output.fields([
                ("Waiting", "\(status.backlog)"), ("Delivered", "\(status.delivered)"), ("Parked", "\(status.parked)"),
                ("Oldest waiting since", BillingFormatting.instant(status.oldestUndeliveredAtMs)),
                ("Last error", status.lastError.isEmpty ? "-" : status.lastError),
            ])
            for (title, messages) in [("Waiting", status.waiting), ("Recently delivered", status.recent)] where !messages.isEmpty {
                print("\n\(title):")
                Output.table(["SEQ", "MESSAGE", "ACCOUNT", "CREATED", "ATTEMPTS", "DELIVERED", "LAST ERROR"], messages.map {
                    ["\($0.sequence)", $0.messageID, $0.partition, BillingFormatting.instant($0.createdAtMs), "\($0.attempts)",
                     BillingFormatting.instant($0.deliveredAtMs), $0.lastError.isEmpty ? "-" : $0.lastError]
                })
            }
        }
    }
}
