import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Each real executable, started the way operators start it: serves health and its method
/// list on both sockets, stops cleanly on SIGTERM, and never steals a live instance's sockets.
@Suite(.serialized) struct ProcessLifecycleTests {
    static let start = Instant.cst(2020, 1, 1, 12, 0)

    @Test(arguments: LocalSystem.services)
    func aServiceReportsServingOnBothSocketsAndStopsWithExitZero(service: String) async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start(service)
            for operatorSocket in [false, true] {
                let health = try await system.health(service, operator: operatorSocket).check()
                #expect(health.status == .serving)
            }
            let list = try await system.reflection(service).listMethods()
            #expect(list.service == service)
            // An operator method on the public socket is refused
            let operatorMethod = try #require(list.methods.first { $0.operatorOnly })
            let refused = try await system.client(service).send(method: operatorMethod.name, payload: [])
            #expect(refused.status == .permissionDenied)
            // SIGTERM: exit 0 and the sockets are gone
            #expect(await system.stop(service) == 0, "\(system.log(service))")
            #expect(!FileManager.default.fileExists(atPath: system.socket(service)))
            #expect(!FileManager.default.fileExists(atPath: system.socket(service, operator: true)))
        }
    }

    @Test(arguments: LocalSystem.services)
    func aSecondInstanceOnTheSameRuntimeDirectoryRefusesToStart(service: String) async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start(service)
            let second = try ServiceProcess(
                name: service, executable: BuildProducts.executable(service),
                arguments: ["--runtime-dir", system.runtimeDirectory, "--data-dir", system.dataDirectory + "-2",
                            "--controllable-clock", system.clockFile],
                logPath: system.root + "/logs/\(service)-second.log")
            let status = await second.waitForExit(timeout: .seconds(30))
            #expect(status != 0)
            #expect(second.log().contains("already serving"), "\(second.log())")
            // And the first still answers
            let health = try await system.health(service).check()
            #expect(health.status == .serving)
        }
    }

    @Test func aStaleSocketLeftByKill9IsReplacedOnRestart() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start("activation")
            await system.kill9("activation")
            #expect(FileManager.default.fileExists(atPath: system.socket("activation")), "kill -9 leaves the socket file")
            try await system.start("activation")
            let health = try await system.health("activation").check()
            #expect(health.status == .serving)
        }
    }
}

/// A service starts one event loop per CPU it may run on, or as many as `--event-loops` says,
/// and says so in its log.
@Suite(.serialized) struct EventLoopSizingTests {
    static let start = Instant.cst(2020, 1, 1, 12, 0)

    @Test func aServicePinnedToOneCPUStartsOneEventLoop() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            // Given billing started under `taskset -c 0` (as systemd's CPUAffinity=0 would)
            let process = try ServiceProcess(
                name: "billing", executable: "/usr/bin/taskset",
                arguments: ["-c", "0", BuildProducts.executable("billing"), "--runtime-dir", system.runtimeDirectory,
                            "--data-dir", system.dataDirectory, "--controllable-clock", system.clockFile],
                logPath: system.root + "/logs/billing-pinned.log")
            let started = try await eventually("billing logged its event loops") {
                process.log().contains("event loops started") ? process.log() : nil
            }
            #expect(started.contains("process.cpus_available=1"))
            #expect(started.contains("process.event_loops=1"))
            _ = await process.stop()
        }
    }

    @Test func theEventLoopsFlagOverridesTheCPUCount() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start("billing", extraArguments: ["--event-loops", "3"])
            #expect(system.log("billing").contains("process.event_loops=3"))
            #expect(system.log("billing").contains("process.event_loops_from=--event-loops"))
        }
    }
}
