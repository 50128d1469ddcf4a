import Foundation
import HuanjuTestSupport
import HuanjuWire
import Testing

/// `make up` / `make down` (deploy/up.sh, deploy/down.sh) on a temporary HUANJU_VAR, with the
/// executables of this test run (HUANJU_BIN: nothing is built).
@Suite(.serialized) struct DeployUpDownTests {
    static let services = ["billing", "activation", "room-session"]

    @Test func upServesAllThreeASecondUpSaysAlreadyRunningAndDownStopsThemWithExitZeroLosingNothing() async throws {
        let root = TemporaryDirectory.make("hjup")
        let environment = ["HUANJU_VAR": root, "HUANJU_BIN": BuildProducts.directory.path]
        let runtime = "\(root)/run"
        let ctl = ["--runtime-dir", runtime]

        // Given a system started with up.sh
        let up = try DeployScripts.start("up.sh", environment: environment, output: "\(root)/up-1.out")
        let accountID: String
        do {
            let isUp = try await DeployScripts.waitForOutput(up, containing: "Huanju Live is up.", timeout: .seconds(90))
            try #require(isUp, "up.sh did not say it is up:\n\(up.log())")
            // Then all three report SERVING, on the table it printed and over the wire
            let lines = up.log().components(separatedBy: "\n")
            for service in Self.services {
                #expect(lines.contains { $0.hasPrefix(service + " ") && $0.hasSuffix(" SERVING") },
                        "\(service) not SERVING in:\n\(up.log())")
                let health = try await HealthV1.HealthService.Client(RPCClient(socketPath: "\(runtime)/\(service).sock"))
                    .check(deadline: .seconds(10))
                #expect(health.status == .serving)
            }
            #expect(up.log().contains("\(runtime)/{billing,activation,room-session}.sock"))

            // And huanjuctl works against it: an account is registered, and billing's metrics count the call
            let registered = try await DeployScripts.huanjuctl(
                ["billing", "register"] + ctl + ["--kind", "enterprise", "--name", "Up Test Ltd", "--contact", "ops@up.example", "--json"],
                output: "\(root)/register.out")
            try #require(registered.status == 0, "\(registered.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(registered.output.utf8)) as? [String: Any])
            accountID = try #require((json["account"] as? [String: Any])?["account_id"] as? String)
            let stats = try await DeployScripts.huanjuctl(["stats", "billing"] + ctl, output: "\(root)/stats.out")
            #expect(stats.status == 0)
            #expect(stats.output.contains(
                #"huanju_rpc_calls_total{service="billing",method="huanju.billing.v1.Billing/RegisterAccount",status="OK"} 1"#),
                "\(stats.output)")

            // When up.sh runs a second time
            let pidsBefore = Self.services.map { DeployScripts.pid("\(runtime)/\($0).pid") }
            let second = try await DeployScripts.run("up.sh", environment: environment, output: "\(root)/up-2.out")
            // Then it says the system is already running, exits 0, and changes nothing
            #expect(second.status == 0, "\(second.output)")
            #expect(second.output.contains("already running"), "\(second.output)")
            #expect(Self.services.map { DeployScripts.pid("\(runtime)/\($0).pid") } == pidsBefore)
            #expect(up.isRunning)
            let account = try await DeployScripts.huanjuctl(["billing", "account"] + ctl + ["--as", accountID],
                                                            output: "\(root)/account-1.out")
            #expect(account.status == 0 && account.output.contains("Up Test Ltd"), "\(account.output)")
        } catch {
            _ = try? await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-cleanup.out")
            await up.stop()
            throw error
        }

        // When down.sh runs
        let down = try await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-1.out")
        // Then every service stopped, exited 0, took its sockets away, and up.sh ended with 0
        #expect(down.status == 0, "\(down.output)")
        for service in Self.services { #expect(down.output.contains("\(service) stopped"), "\(down.output)") }
        let upStatus = await up.waitForExit(timeout: .seconds(30))
        if upStatus == -1 { await up.stop() }
        #expect(upStatus == 0, "\(up.log())")
        for service in Self.services {
            #expect(up.log().contains("\(service) exited with status 0"), "\(up.log())")
            #expect(!FileManager.default.fileExists(atPath: "\(runtime)/\(service).sock"))
            #expect(!FileManager.default.fileExists(atPath: "\(runtime)/\(service)-admin.sock"))
            #expect(!FileManager.default.fileExists(atPath: "\(runtime)/\(service).pid"))
        }
        #expect(up.log().contains("huanju stopped."))

        // And after a restart nothing is lost
        let again = try DeployScripts.start("up.sh", environment: environment, output: "\(root)/up-3.out")
        do {
            let isUp = try await DeployScripts.waitForOutput(again, containing: "Huanju Live is up.", timeout: .seconds(90))
            try #require(isUp, "up.sh did not restart:\n\(again.log())")
            let account = try await DeployScripts.huanjuctl(["billing", "account"] + ctl + ["--as", accountID],
                                                            output: "\(root)/account-2.out")
            #expect(account.status == 0 && account.output.contains("Up Test Ltd"), "\(account.output)")
        } catch {
            _ = try? await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-cleanup.out")
            await again.stop()
            throw error
        }
        let downAgain = try await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-2.out")
        #expect(downAgain.status == 0, "\(downAgain.output)")
        let againStatus = await again.waitForExit(timeout: .seconds(30))
        if againStatus == -1 { await again.stop() }
        #expect(againStatus == 0, "\(again.log())")

        // And down.sh on a stopped system says so and exits 0
        let idle = try await DeployScripts.run("down.sh", environment: environment, output: "\(root)/down-3.out")
        #expect(idle.status == 0 && idle.output.contains("not running"), "\(idle.output)")
        try? FileManager.default.removeItem(atPath: root)
    }
}
