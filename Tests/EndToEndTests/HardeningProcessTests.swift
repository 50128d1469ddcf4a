import Foundation
import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// The services as processes under abuse (issue: hardening): metrics scrapes during work, a
/// database that cannot answer, crowds of connections, slow clients, shared directories.
@Suite(.serialized) struct HardeningProcessTests {
    static let start = Instant.cst(2020, 1, 1, 12, 0)

    @Test(arguments: [("billing", BillingV1.BillingService.Method.getAccount.name),
                      ("activation", ActivationV1.ActivationService.Method.listCodes.name)])
    func metricsScrapesDuringDatabaseCallsNeverWedgeTheService(service: String, method: String) async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start(service)
            let path = system.socket(service, operator: true)
            // Given rounds of 32 pipelined calls alternating Metrics/Get and a database read (5 s deadlines)
            let frames = (0..<32).flatMap { index -> [UInt8] in
                let call = index.isMultiple(of: 2)
                    ? ProtoBytes.request(callID: UInt64(index + 1), method: MetricsV1.MetricsService.Method.get.name)
                    : ProtoBytes.request(callID: UInt64(index + 1), method: method, metadata: [("account-id", "acc_SCRAPE")])
                return withUnsafeBytes(of: UInt32(call.count).bigEndian, Array.init) + call
            }
            for round in 0..<10 {
                let statuses = try await onOwnThread { () -> [StatusCode] in
                    let connection = try RawSocket(path: path)
                    connection.send(frames)
                    return try (0..<32).map { _ in try connection.readResponse()?.status ?? .unavailable }
                }
                // Then every one is answered: metrics OK, the read OK or NOT_FOUND (no such account)
                let answered = statuses.allSatisfy { $0 == .ok || $0 == .notFound }
                #expect(answered, "round \(round): \(statuses)")
                if !answered { break }   // a wedged service would make each further round wait for its timeouts
            }
            // And the service still serves, and stops on SIGTERM
            let health = try await system.health(service).check()
            #expect(health.status == .serving)
            #expect(await system.stop(service) == 0, "SIGTERM stops it")
        }
    }

    @Test func healthIsNotServingWhileTheDatabaseCannotTakeWrites() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start("billing")
            let billing = system.health("billing")
            func status() async throws -> HealthV1.HealthCheckResponse.ServingStatus {
                try await billing.check().status
            }
            // Given another process holding the database's write lock
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true   // the lock is held across accesses, on purpose
            let intruder = try DatabaseQueue(path: "\(system.dataDirectory)/billing.sqlite", configuration: configuration)
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
            // Then health turns NOT_SERVING
            let down = try await eventually("NOT_SERVING while the write lock is held") {
                try await status() == .notServing ? true : nil
            }
            #expect(down)
            // And SERVING again once the lock is released
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
            try intruder.close()
            let up = try await eventually("SERVING once the lock is released") {
                try await status() == .serving ? true : nil
            }
            #expect(up)
        }
    }

    @Test func aSecondProcessOnTheSameDataDirectoryRefusesToStart() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start("billing")
            let second = try ServiceProcess(
                name: "billing", executable: BuildProducts.executable("billing"),
                arguments: ["--runtime-dir", system.runtimeDirectory + "-2", "--data-dir", system.dataDirectory,
                            "--controllable-clock", system.clockFile],
                logPath: system.root + "/logs/billing-second.log")
            #expect(await second.waitForExit(timeout: .seconds(30)) != 0)
            #expect(second.log().contains("is already using this data directory"), "\(second.log())")
            #expect(!FileManager.default.fileExists(atPath: system.runtimeDirectory + "-2/billing.sock"))
        }
    }

    @Test func databaseFilesAreTheOwnersOnlyWhateverTheUmask() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            let previous = umask(0o022)
            defer { umask(previous) }
            try await system.start("billing")
            _ = try await system.registered(.enterprise, "modes")
            func mode(_ path: String) throws -> Int {
                try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            }
            #expect(try mode(system.dataDirectory) == 0o700)
            for suffix in ["", "-wal", "-shm"] {
                #expect(try mode("\(system.dataDirectory)/billing.sqlite\(suffix)") == 0o600, "billing.sqlite\(suffix)")
            }
        }
    }

    @Test func connectionsPastTheLimitAreRefusedClearly() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start("billing", extraArguments: ["--max-connections", "8"])
            let path = system.socket("billing")
            let health = RPCV1.Request(callID: 1, method: HealthV1.HealthService.Method.check.name, payload: []).serializedBytes()
            let (held, refused) = try await onOwnThread { () -> ([RawSocket], RPCV1.Response?) in
                // Given 8 connections open (each answered once, so each is counted)
                let held = try (0..<8).map { _ in try RawSocket(path: path) }
                for connection in held {
                    connection.sendFrame(health)
                    _ = try connection.readResponse()
                }
                // When a ninth connects, Then it is told why and closed
                let ninth = try RawSocket(path: path)
                return (held, try ninth.readResponse())
            }
            #expect(refused?.callID == 0)
            #expect(refused?.status == .resourceExhausted)
            #expect(refused?.message.contains("serves at most 8 connections at once") == true)
            // And once one of the eight closes, a new connection is served
            held[0].close()
            let served = try await eventually("a connection served after one closed") {
                try await onOwnThread { () -> Bool? in
                    let connection = try RawSocket(path: path)
                    connection.sendFrame(health)
                    return try connection.readResponse()?.status == .ok ? true : nil
                }
            }
            #expect(served)
            withExtendedLifetime(held) {}
        }
    }

    @Test func aBurstOfAThousandConnectsIsAcceptedAndServed() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start("billing")
            let path = system.socket("billing")
            let health = RPCV1.Request(callID: 1, method: HealthV1.HealthService.Method.check.name, payload: []).serializedBytes()
            RawSocket.raiseOpenFilesLimit(to: 4096)
            // Given 1,000 non-blocking connects at once (a full listen queue refuses them with EAGAIN)
            let (connections, refusedConnects) = try await onOwnThread { () -> ([RawSocket], Int) in
                var open: [RawSocket] = []
                var refused = 0
                for _ in 0..<1000 {
                    if let connection = try RawSocket(connectingWithoutWaitingTo: path) { open.append(connection) } else { refused += 1 }
                }
                return (open, refused)
            }
            // Then none is refused, and each is served
            #expect(refusedConnects == 0)
            let answered = try await onOwnThread { () -> Int in
                for connection in connections { connection.sendFrame(health) }
                return try connections.reduce(0) { $0 + (try $1.readResponse()?.status == .ok ? 1 : 0) }
            }
            #expect(answered == 1000)
        }
    }

    @Test func aFrameThatTricklesInIsCutOffAtTheFrameTimeout() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            try await system.start("billing", extraArguments: ["--frame-timeout-seconds", "1"])
            let path = system.socket("billing")
            // Given a client that sends the start of a frame and nothing more
            let (answer, closed) = try await onOwnThread { () -> (RPCV1.Response?, Bool) in
                let connection = try RawSocket(path: path)
                connection.send([0, 0, 0, 40, 0x08])
                return (try connection.readResponse(), connection.isClosedByServer())
            }
            // Then the server says why and closes the connection
            #expect(answer?.callID == 0)
            #expect(answer?.status == .deadlineExceeded)
            #expect(answer?.message.contains("did not arrive whole within 1 s") == true)
            #expect(closed)
        }
    }
}
