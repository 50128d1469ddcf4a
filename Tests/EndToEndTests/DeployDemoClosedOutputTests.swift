import Foundation
import HuanjuTestSupport
import Testing

/// `make demo | head` (deploy/demo.sh with its output closed early): the demo stops its own
/// system on any exit, a closed output pipe (SIGPIPE) included, and leaves no service running.
@Suite(.serialized) struct DeployDemoClosedOutputTests {
    static let services = ["billing", "activation", "room-session"]

    @Test func givenTheDemoPipedIntoHeadWhenHeadClosesItsOutputThenTheDemoStopsItsSystem() async throws {
        let root = TemporaryDirectory.make("hjdemopipe")
        let var_ = "\(root)/demo"
        let runtime = "\(var_)/run"
        let environment = ["HUANJU_DEMO_VAR": var_, "HUANJU_BIN": BuildProducts.directory.path]

        // Given the demo piped into `head -n 3`, which exits after the demo's first three lines
        let pipeline = try ServiceProcess(name: "demo.sh | head", executable: "/bin/bash",
                                          arguments: ["-c", #""$0" | head -n 3"#, DeployScripts.path("demo.sh")],
                                          logPath: "\(root)/pipeline.out", environment: environment)
        // When the pipeline ends (the demo writing to the closed pipe, then stopping)
        let status = await pipeline.waitForExit(timeout: .seconds(240))
        if status == -1 { await pipeline.stop() }
        let output = pipeline.log()
        let stopped = try await DeployScripts.eventually(within: .seconds(60)) {
            Self.services.allSatisfy { !DeployScripts.isLockHeld("\(runtime)/\($0).lock") }
                && DeployScripts.processes(mentioning: runtime).isEmpty
        }
        let leftOver = DeployScripts.processes(mentioning: runtime)
        if !stopped {
            _ = try? await DeployScripts.run("down.sh", environment: ["HUANJU_VAR": var_], output: "\(root)/down.out")
        }

        // Then the demo had started its system and printed its first lines
        #expect(status != -1, "the pipeline did not end within 240 s:\n\(output)")
        #expect(output.contains("Huanju Live: the purchase guide's worked example"), "\(output)")
        for service in Self.services {
            #expect(FileManager.default.fileExists(atPath: "\(runtime)/\(service).lock"), "\(service) never started")
        }
        // And soon no service of the demo runs: no lock held, no process on its runtime folder
        #expect(stopped, "still running on \(runtime): pids \(leftOver)\n\(output)")
        // And the demo said so, on standard error, with each service's exit status
        for service in Self.services {
            #expect(output.contains("\(service) exited with status 0"), "\(output)")
        }
        if stopped { try? FileManager.default.removeItem(atPath: root) }
    }
}
