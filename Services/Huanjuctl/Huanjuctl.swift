import ArgumentParser

/// `huanjuctl`: the command-line client of the Huanju Live services, for customers,
/// operators and demos. Every action of every service, readable tables by default,
/// `--json` for scripts.
///
/// Exit codes: 0 OK; 64 usage error (bad flags or arguments); 65 the service refused the
/// call (its status name and message are printed); 69 the service is unreachable.
@main
struct Huanjuctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huanjuctl",
        abstract: "Talk to the Huanju Live services (billing, activation, room-session) over their sockets.",
        subcommands: [
            BillingCommands.self,
            ActivationCommands.self,
            SessionCommands.self,
            ClockCommand.self,
            HealthCommand.self,
            MethodsCommand.self,
            StatsCommand.self,
        ])

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let refusal as CallRefused {
            FileHandleOutput.standardError("\(refusal.error.code): \(refusal.error.message)")
            Foundation.exit(refusal.error.code == .unavailable ? ExitCodes.unavailable : ExitCodes.refused)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure || code.rawValue == 64 {
                FileHandleOutput.standardError(fullMessage(for: error))
                Foundation.exit(ExitCodes.usage)
            }
            exit(withError: error)
        }
    }
}

import Foundation
