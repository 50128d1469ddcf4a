import ArgumentParser
import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// `huanjuctl activation explain|timeline`: "why" at any instant, for the owning account
/// (`--as ACCOUNT`).
extension ActivationCommands {
    struct Explain: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "Why could (or could not) this code start a broadcast at an instant? The answer then and the "
                + "chain behind it, as known now (--as ACCOUNT).")
        static let method = ActivationV1.ActivationService.Method.explainBroadcastAccess

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code text: \"HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX\".")
        var code: String
        @Option(help: "The instant, in CST: \"2020-12-31 12:00\" (seconds optional). Default: the service's now.")
        var at: String?
        @Option(help: "The phone's device id the host would present (with --wechat). Default: the bound pair.")
        var device = ""
        @Option(help: "The WeChat openid the host would present (with --device). Default: the bound pair.")
        var wechat = ""

        func validate() throws {
            _ = try instant()
        }

        /// `--at` read as CST, or nil for the service's now.
        func instant() throws -> Instant? {
            guard let at else { return nil }
            do {
                return try ChinaTime.parse(at)
            } catch {
                throw ValidationError(error.message)
            }
        }

        func run() async throws {
            let explanation = try await connection.call(
                ActivationCommands.service, Self.method,
                ActivationV1.ExplainBroadcastAccessRequest(
                    code: code, deviceID: device, wechatOpenid: wechat, atMs: try instant()?.unixMilliseconds),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(explanation) }
            ActivationFormatting.explanation(explanation)
        }
    }

    struct Timeline: AsyncParsableCommand, SingleMethodCommand {
        static let configuration = CommandConfiguration(
            abstract: "One of your codes over its life: its status in each interval, as known now (--as ACCOUNT).")
        static let method = ActivationV1.ActivationService.Method.getCodeTimeline

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The code text: \"HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX\".")
        var code: String

        func run() async throws {
            let timeline = try await connection.call(
                ActivationCommands.service, Self.method, ActivationV1.GetCodeTimelineRequest(code: code),
                metadata: try connection.customerMetadata())
            if connection.json { return try Output.json(timeline) }
            ActivationFormatting.timeline(timeline)
        }
    }
}
