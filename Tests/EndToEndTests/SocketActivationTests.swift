import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Synchronization
import Testing

/// Each real executable started as systemd starts a socket-activated service: its two sockets
/// bound and held by someone else (here the test process, as the .socket units would), passed
/// as descriptors 3 and 4 with LISTEN_FDS, LISTEN_FDNAMES and LISTEN_PID. The sockets outlive
/// the process, so a restart refuses no connection.
@Suite(.serialized) struct SocketActivationTests {
    static let start = Instant.cst(2020, 1, 1, 12, 0)
    static let health = RPCV1.Request(callID: 1, method: HealthV1.HealthService.Method.check.name, payload: []).serializedBytes()

    @Test(arguments: LocalSystem.services)
    func aServiceServesTheSocketsItInheritsExactlyAsTheOnesItBinds(service: String) async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            // Given the service's answers on sockets it bound itself
            try await system.start(service)
            #expect(system.log(service).contains("socket.source=bound"))
            let operatorMethod = try #require(try await system.reflection(service).listMethods().methods.first { $0.operatorOnly })
            let refusedWhenBound = try await system.client(service).send(method: operatorMethod.name, payload: [])
            #expect(await system.stop(service) == 0)

            // When it is started on inherited sockets
            let unit = try system.socketUnit(service)
            try await system.start(service, sockets: unit)
            #expect(system.log(service).contains("socket.source=systemd"), "\(system.log(service))")
            // Then both answer Health/Check
            for operatorSocket in [false, true] {
                let health = try await system.health(service, operator: operatorSocket).check()
                #expect(health.status == .serving)
            }
            // And the operator method is refused on the public socket in the same words, and served on the operator one
            let refused = try await system.client(service).send(method: operatorMethod.name, payload: [])
            #expect(refused.status == .permissionDenied)
            #expect(refused.message == refusedWhenBound.message)
            let list = try await system.reflection(service, operator: true).listMethods()
            #expect(list.service == service)
        }
    }

    @Test func withoutDescriptorNamesAServiceTellsItsSocketsApartByPath() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            // Given the operator socket at 3, the public one at 4, and no LISTEN_FDNAMES
            let unit = try system.socketUnit("activation")
            let process = try ServiceProcess(
                name: "activation", executable: BuildProducts.executable("activation"),
                arguments: ["--runtime-dir", system.runtimeDirectory, "--data-dir", system.dataDirectory,
                            "--controllable-clock", system.clockFile],
                logPath: "\(system.root)/logs/activation-unnamed.log",
                passing: [unit.operatorDescriptor, unit.publicDescriptor], names: nil)
            do {
                // When it is up, Then an operator method is still refused on the public socket only
                let operatorMethod = ActivationV1.ActivationService.Method.listPendingExpansions.name
                let refused = try await eventually("activation serving") { () -> RPCV1.Response? in
                    guard process.isRunning else { throw RPCError(.unavailable, "activation exited:\n\(process.log())") }
                    return try? await system.client("activation").send(method: operatorMethod, payload: [])
                }
                #expect(refused.status == .permissionDenied)
                #expect(try await system.health("activation", operator: true).check().status == .serving)
                #expect(process.log().contains("socket.source=systemd"))
                #expect(await process.stop() == 0)
            } catch {
                await process.kill9()
                throw error
            }
        }
    }

    @Test func systemdsOwnSocketActivateStartsAServiceThatServesBothSockets() async throws {
        // systemd's own implementation of the protocol, where the machine has it (Debian: systemd)
        guard let activate = ["/usr/bin/systemd-socket-activate", "/bin/systemd-socket-activate"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else { return }
        try await LocalSystem.with(clock: Self.start) { system in
            try FileManager.default.createDirectory(atPath: system.runtimeDirectory, withIntermediateDirectories: true)
            // Given billing behind `systemd-socket-activate`, which binds both sockets and execs it on the first connection
            let process = try ServiceProcess(
                name: "billing", executable: activate,
                arguments: ["--listen", system.socket("billing"), "--listen", system.socket("billing", operator: true),
                            "--fdname=public:operator", BuildProducts.executable("billing"),
                            "--runtime-dir", system.runtimeDirectory, "--data-dir", system.dataDirectory,
                            "--controllable-clock", system.clockFile],
                logPath: "\(system.root)/logs/billing-socket-activate.log")
            do {
                // When a client connects, Then billing starts on the inherited sockets and answers on both
                let health = try await eventually("billing behind systemd-socket-activate") { () -> HealthV1.HealthCheckResponse? in
                    guard process.isRunning else { throw RPCError(.unavailable, "exited:\n\(process.log())") }
                    return try? await system.health("billing").check()
                }
                #expect(health.status == .serving)
                #expect(try await system.health("billing", operator: true).check().status == .serving)
                #expect(process.log().contains("socket.source=systemd"), "\(process.log())")
                #expect(await process.stop() == 0, "\(process.log())")
            } catch {
                await process.kill9()
                throw error
            }
        }
    }

    @Test func aRestartWhileClientsKeepConnectingRefusesNoConnection() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            let unit = try system.socketUnit("activation")
            try await system.start("activation", sockets: unit)
            // Given three clients calling Health/Check in a loop, each call on a new connection
            let callers = ReconnectingCallers(path: unit.publicPath, request: Self.health)
            let tally = try await withThrowingTaskGroup(of: ReconnectingCallers.Tally.self) { group in
                group.addTask { try await callers.run(callers: 3) }
                do {
                    try await callers.waitUntilAnswered(30)
                    // When the service is killed (no clean-up at all) and started again on the same sockets
                    await system.kill9("activation")
                    let answeredBeforeRestart = callers.answered
                    try await system.start("activation", sockets: unit)
                    try await callers.waitUntilAnswered(answeredBeforeRestart + 30)
                } catch {
                    callers.stop()
                    throw error
                }
                callers.stop()
                return try await group.next() ?? ReconnectingCallers.Tally()
            }
            print("""
                socket activation, kill -9 and restart of activation under 3 reconnecting callers: \
                \(tally.connectFailures) connections refused, \(tally.failed) calls failed (no answer), \
                \(tally.notServing) answered NOT_SERVING, \(tally.answered) answered, \
                longest call \(tally.longestWait.milliseconds) ms
                """)
            // Then no connection was refused
            #expect(tally.connectFailures == 0, "connect errors (errno): \(tally.connectErrors)")
            // And at most the call each client had in flight at the kill failed; the calls that
            // waited were answered SERVING
            #expect(tally.failed <= 3)
            #expect(tally.notServing == 0)
            #expect(system.log("activation").contains("socket.source=systemd"))
        }
    }

    @Test func sigtermWithInheritedSocketsExitsZeroAndLeavesTheSocketsToTheNextProcess() async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            let unit = try system.socketUnit("billing")
            try await system.start("billing", sockets: unit)
            // When it is stopped with SIGTERM
            #expect(await system.stop("billing") == 0, "\(system.log("billing"))")
            // Then the socket files are still there, with their modes
            for (path, mode) in [(unit.publicPath, 0o660), (unit.operatorPath, 0o600)] {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                #expect(attributes[.type] as? FileAttributeType == .typeSocket, "\(path)")
                #expect(attributes[.posixPermissions] as? Int == mode, "\(path)")
            }
            // And a client that connects now is not refused: its call waits and the next process answers it
            let waiting = try RawSocket(path: unit.publicPath, receiveTimeoutSeconds: 120)
            waiting.sendFrame(Self.health)
            try await system.start("billing", sockets: unit)
            let answer = try await onOwnThread { try waiting.readResponse() }
            #expect(answer?.status == .ok)
        }
    }

    enum BadDescriptors: String, CaseIterable, Sendable {
        case regularFileAtThree, operatorSocketMissing

        var message: String {
            switch self {
            case .regularFileAtThree: "inherited descriptor 3 (public) is a regular file, not a socket"
            case .operatorSocketMissing: "the service manager passed no operator socket (it passed descriptor 3 (public))"
            }
        }
    }

    @Test(arguments: BadDescriptors.allCases)
    func aBadInheritedDescriptorFailsStartUpNamingWhatIsWrong(_ bad: BadDescriptors) async throws {
        try await LocalSystem.with(clock: Self.start) { system in
            let unit = try system.socketUnit("room-session")
            let file = open("\(system.root)/not-a-socket", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            defer { close(file) }
            let (descriptors, names) = switch bad {
            case .regularFileAtThree: ([file, unit.operatorDescriptor], ["public", "operator"])
            case .operatorSocketMissing: ([unit.publicDescriptor], ["public"])
            }
            // When the service starts with them
            let process = try ServiceProcess(
                name: "room-session", executable: BuildProducts.executable("room-session"),
                arguments: ["--runtime-dir", system.runtimeDirectory, "--data-dir", system.dataDirectory,
                            "--controllable-clock", system.clockFile],
                logPath: "\(system.root)/logs/room-session-\(bad.rawValue).log", passing: descriptors, names: names)
            // Then it exits at once with an error saying what is wrong
            let status = await process.waitForExit(timeout: .seconds(60))
            if status == -1 { await process.kill9() }
            #expect(status != 0 && status != -1, "exit status \(status)")
            #expect(process.log().contains(bad.message), "\(process.log())")
        }
    }
}

/// Clients that each call over a new connection, one call at a time, until stopped; they count
/// refused connections, calls that got no answer, and the longest call.
final class ReconnectingCallers: Sendable {
    struct Tally: Sendable {
        var connectFailures = 0
        var connectErrors: [String] = []
        var answered = 0
        var notServing = 0
        var failed = 0
        var longestWait: Duration = .zero

        mutating func add(_ other: Tally) {
            connectFailures += other.connectFailures
            connectErrors += other.connectErrors
            answered += other.answered
            notServing += other.notServing
            failed += other.failed
            longestWait = max(longestWait, other.longestWait)
        }
    }

    let path: String
    let request: [UInt8]
    private let answeredSoFar = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    init(path: String, request: [UInt8]) {
        self.path = path
        self.request = request
    }

    var answered: Int { answeredSoFar.load(ordering: .relaxed) }

    func stop() { stopping.store(true, ordering: .relaxed) }

    /// Waits (at most 120 s) until `count` calls were answered in all.
    func waitUntilAnswered(_ count: Int) async throws {
        let giveUp = ContinuousClock.now + .seconds(120)
        while answered < count {
            guard ContinuousClock.now < giveUp else { throw RPCError(.deadlineExceeded, "only \(answered) of \(count) calls answered") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Runs `callers` clients, each on a thread of its own, until `stop()`; their tallies summed.
    func run(callers: Int) async throws -> Tally {
        try await withThrowingTaskGroup(of: Tally.self) { group in
            for _ in 0..<callers {
                group.addTask { try await onOwnThread { self.callUntilStopped() } }
            }
            var total = Tally()
            for try await tally in group { total.add(tally) }
            return total
        }
    }

    private func callUntilStopped() -> Tally {
        var tally = Tally()
        while !stopping.load(ordering: .relaxed) {
            let began = ContinuousClock.now
            // Connect as the services' own client does: without waiting (a full queue is EAGAIN).
            let connection: RawSocket
            do {
                guard let connected = try RawSocket(connectingWithoutWaitingTo: path, receiveTimeoutSeconds: 120) else {
                    tally.connectFailures += 1
                    tally.connectErrors.append("EAGAIN")
                    continue
                }
                connection = connected
            } catch {
                tally.connectFailures += 1
                tally.connectErrors.append("\(error)")
                Thread.sleep(forTimeInterval: 0.001) // a refusing socket answers at once: do not spin
                continue
            }
            connection.sendFrame(request)
            let response = try? connection.readResponse()
            tally.longestWait = max(tally.longestWait, ContinuousClock.now - began)
            guard let response, response.status == .ok,
                  let health = try? HealthV1.HealthCheckResponse(serializedBytes: response.payload) else {
                tally.failed += 1
                continue
            }
            if health.status != .serving { tally.notServing += 1 }
            tally.answered += 1
            answeredSoFar.add(1, ordering: .relaxed)
        }
        return tally
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
