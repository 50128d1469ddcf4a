import ArgumentParser

/// `huanju-loadgen echo`: the framing-only echo server, the socket limit.
struct EchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo",
        abstract: "Send frames of a Join request's size to a framing-only echo and read them back.")

    @OptionGroup var load: LoadOptions

    @Option(help: "Body bytes of each frame (the session run prints its Join request size as request_bytes).")
    var bodyBytes = 64

    func run() async throws {
        let driver = LoadDriver(load: load, target: "echo", dialect: EchoDialect(bodyBytes: bodyBytes))
        try await driver.run(extra: [("request_bytes", "\(bodyBytes)")]) { 0 }
    }
}
