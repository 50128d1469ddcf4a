import Foundation
import HuanjuTestSupport
import Testing

/// deploy/up.sh and deploy/down.sh decide that a service runs from its lock
/// (`<run>/<service>.lock`, held while it runs), not from its pid file: after a crash the pid
/// file's pid may have been recycled by an unrelated process, which must neither make `make up`
/// say the system is running nor be signalled by `make down`.
@Suite(.serialized) struct DeployStalePidTests {
    static let services = ["billing", "activation", "room-session"]

    @Test func givenStalePidFilesNamingALiveUnrelatedProcessWhenUpAndDownRunThenTheSystemStartsAndStopsAndThatProcessLives() async throws {
        let root = TemporaryDirectory.make("hjstale")
        let runtime = "\(root)/run"
        let environment = ["HUANJU_VAR": root, "HUANJU_BIN": BuildProducts.directory.path]

        // Given an unrelated live process, and the pid files and unheld lock files a crashed
        // system leaves behind, all naming that process's pid
        let unrelated = try ServiceProcess(name: "sleep", executable: "/bin/sleep", arguments: ["60"],
                                           logPath: "\(root)/sleep.out")
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
        func leaveStaleFiles() throws {
            for service in Self.services {
                try DeployScripts.write("\(unrelated.pid)\n", to: "\(runtime)/\(service).pid")
                try DeployScripts.write("\(unrelated.pid)\n", to: "\(runtime)/\(service).lock")
            }
        }
        try leaveStaleFiles()

        // When up.sh runs
        let up = try DeployScripts.start("up.sh", environment: environment, output: "\(root)/up.out")
        do {
            // Then it starts the system instead of saying it is already running
            let isUp = try await DeployScripts.waitForOutput(up, containing: "Huanju Live is up.", timeout: .seconds(90))
            try #require(isUp, "up.sh did not start the system:\n\(up.log())")
            #expect(!up.log().contains("already running"), "\(up.log())")
            // And each service holds its lock, its pid file naming it rather than the unrelated process
            for service in Self.services {
                #expect(DeployScripts.isLockHeld("\(runtime)/\(service).lock"), "\(service) holds no lock")
                #expect(DeployScripts.pid("\(runtime)/\(service).pid") != "\(unrelated.pid)")
            }
        } catch {
            _ = try? await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-cleanup.out")
            await up.stop()
            await unrelated.kill9()
            throw error
        }

        // When down.sh runs
        let down = try await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-1.out")
        // Then it stops the three services, up.sh ends with 0, and the unrelated process still runs
        #expect(down.status == 0, "\(down.output)")
        for service in Self.services { #expect(down.output.contains("\(service) stopped"), "\(down.output)") }
        let upStatus = await up.waitForExit(timeout: .seconds(30))
        if upStatus == -1 { await up.stop() }
        #expect(upStatus == 0, "\(up.log())")
        #expect(unrelated.isRunning)

        // When the stale files are back and down.sh runs on the stopped system
        try leaveStaleFiles()
        let idle = try await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-2.out")
        // Then it says nothing runs, exits 0, and signals nobody: the unrelated process still runs
        #expect(idle.status == 0 && idle.output.contains("not running"), "\(idle.output)")
        #expect(!idle.output.contains("stopped"), "\(idle.output)")
        #expect(unrelated.isRunning)

        await unrelated.kill9() // SIGKILL: this test's children inherit a blocked SIGTERM
        if down.status == 0 && upStatus == 0 { try? FileManager.default.removeItem(atPath: root) }
    }
}
