import Foundation
import HuanjuTestSupport
import Testing

/// `make demo` (deploy/demo.sh): the guide's worked example (RULES §11) on a system of its own,
/// with the executables of this test run (HUANJU_BIN: nothing is built).
@Suite(.serialized) struct DeployDemoTests {
    @Test func theDemoPlaysTheWorkedExampleChecksEveryFigureAndStopsItsSystem() async throws {
        let root = TemporaryDirectory.make("hjdemo")
        let var_ = "\(root)/demo"
        let environment = ["HUANJU_DEMO_VAR": var_, "HUANJU_BIN": BuildProducts.directory.path]

        // When the demo runs (it must finish well under 2 minutes; this bound allows for a busy CI machine)
        let demo = try await DeployScripts.run("demo.sh", environment: environment, output: "\(root)/demo.out",
                                               timeout: .seconds(240))
        _ = try? await DeployScripts.run("down.sh", environment: ["HUANJU_VAR": var_], output: "\(root)/down.out")

        // Then it exits 0 with every figure as the guide states it
        #expect(demo.status == 0, "\(demo.output)")
        #expect(demo.output.contains("All figures match the guide"), "\(demo.output)")
        #expect(!demo.output.contains("✗ the guide says"), "\(demo.output)")
        let text = demo.output
        for figure in [
            // 1: the fee bought 2020-01-01 12:00 is valid until 2020-12-31 12:00; 140,000 CNY
            "[2020-01-01 12:00 CST]", "fee valid until                          2020-12-31 12:00 CST",
            "140,000.00 CNY",
            // 2: bind before 2020-03-01 12:00, and a bind after the window is refused
            "2020-03-01 12:00 CST", "LAPSED", "it had to be bound before 2020-03-01 12:00 CST",
            // 3: bound 2020-02-01 → valid until 2021-01-31
            "code A valid until (same clock time)     2021-01-31",
            // 4: suspended from 2020-12-31 12:00 without a renewal, expired from 2021-01-31
            "SUSPENDED", "EXPIRED", "the annual fee is not active at 2020-12-31 12:00 CST",
            // 5: the renewal moves the fee to 2021-12-31 12:00; code B: bind before 2020-07-01
            "fee valid until                          2021-12-31 12:00 CST", "2020-07-01 15:00 CST",
            // 6: +10,000 viewers → 30,000 admitted, the 30,001st refused
            "+10,000 viewers", "1,000,000.00 CNY", "viewer limit                             30,000",
            "admitted                                 30,000",
            "RESOURCE_EXHAUSTED: room is full: limit 30,000 concurrent viewers",
            // and purchases are non-refundable
            "purchases are non-refundable",
        ] {
            #expect(text.contains(figure), "the demo did not print \"\(figure)\":\n\(text)")
        }

        // And huanjuctl stats showed the demo's calls
        #expect(text.contains(#"huanju_rpc_calls_total{service="billing",method="huanju.billing.v1.Billing/PurchaseAnnualFee",status="OK"} 5"#))
        #expect(text.contains(#"huanju_rpc_calls_total{service="room-session",method="huanju.session.v1.RoomSession/Join",status="OK"} 30001"#))

        // And its system was stopped: every service exited 0, no socket left
        for service in ["billing", "activation", "room-session"] {
            #expect(text.contains("\(service) exited with status 0"), "\(text)")
            #expect(!FileManager.default.fileExists(atPath: "\(var_)/run/\(service).sock"))
            #expect(!FileManager.default.fileExists(atPath: "\(var_)/run/\(service).pid"))
        }
        if demo.status == 0 { try? FileManager.default.removeItem(atPath: root) }
    }
}
