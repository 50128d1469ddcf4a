import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Logging
import Synchronization
import Testing

@testable import RoomSessionService

/// 2020-06-01 10:00 CST: every service test starts here (the broadcast's 4 h end is 14:00).
let serviceStart = Instant.cst(2020, 6, 1, 10, 0)

/// The room-session methods, as proto/ declares them.
typealias Session = SessionV1.RoomSessionService.Method

/// Account A and its code used throughout.
let accountA = "acc_A"
let accountB = "acc_B"
let codeA = "HJ-AAAAA-AAAAA-AAAAA-7Q"
let deviceA = "device-a"
let wechatA = "wx-openid-a"

/// Activation as the session service sees it: codes by text, each with its binding, capacity,
/// bounds and (optionally) a refusal; refusals as `proto/activation.proto` describes them.
final class FakeAuthorizer: Authorizer {
    struct Code: Sendable {
        var codeID: String
        var accountID: String
        var device: String
        var wechat: String
        var capacity: UInt32
        var validUntil: Instant
        var feeActiveUntil: Instant
        /// E.g. FAILED_PRECONDITION for a SUSPENDED code.
        var refusal: RPCError?
    }

    private let codes = Mutex<[String: Code]>([:])
    /// Questions asked so far.
    let calls = Atomic<Int>(0)

    /// Adds a bound, usable code (valid for a year, fee active for a year unless given).
    func add(
        _ code: String = codeA, id: String = "code_A", account: String = accountA, device: String = deviceA,
        wechat: String = wechatA, capacity: UInt32, validUntil: Instant = serviceStart + .days(300),
        feeActiveUntil: Instant = serviceStart + .days(200)
    ) {
        codes.withLock {
            $0[code] = Code(
                codeID: id, accountID: account, device: device, wechat: wechat, capacity: capacity, validUntil: validUntil,
                feeActiveUntil: feeActiveUntil, refusal: nil)
        }
    }

    /// Changes a code (a renewal, a suspension…).
    func update(_ code: String = codeA, _ change: @Sendable (inout Code) -> Void) {
        codes.withLock { codes in
            if var entry = codes[code] {
                change(&entry)
                codes[code] = entry
            }
        }
    }

    func authorizeBroadcast(_ request: ActivationV1.AuthorizeBroadcastRequest, forAccount accountID: String, caller _: CallContext?)
        async throws -> ActivationV1.AuthorizeBroadcastResponse {
        calls.add(1, ordering: .relaxed)
        guard let code = codes.withLock({ $0[request.code] }), code.accountID == accountID else {
            throw RPCError(.notFound, "no activation code matches what was typed")
        }
        guard request.deviceID == code.device, request.wechatOpenid == code.wechat else {
            throw RPCError(.permissionDenied, "code \(code.codeID) is bound to another device or WeChat id")
        }
        if let refusal = code.refusal { throw refusal }
        return ActivationV1.AuthorizeBroadcastResponse(
            codeID: code.codeID, accountID: code.accountID, capacity: code.capacity,
            codeValidUntilMs: code.validUntil.unixMilliseconds, feeActiveUntilMs: code.feeActiveUntil.unixMilliseconds)
    }

    func broadcastBounds(codeID: String, forAccount accountID: String) async throws -> ActivationV1.GetBroadcastBoundsResponse {
        calls.add(1, ordering: .relaxed)
        guard let code = codes.withLock({ $0.values.first { $0.codeID == codeID } }), code.accountID == accountID else {
            throw RPCError(.notFound, "code \(codeID) does not exist")
        }
        return ActivationV1.GetBroadcastBoundsResponse(
            codeID: code.codeID, accountID: code.accountID, codeValidUntilMs: code.validUntil.unixMilliseconds,
            feeActiveUntilMs: code.feeActiveUntil.unixMilliseconds)
    }
}

/// The room-session service in-process: its real router on a real `RPCServer` in a temporary
/// runtime directory, its real database file, a `ManualClock`, and an authorizer (a fake, or
/// the real one pointed at a socket). Tests run the sweeper and the flusher by hand.
struct ServiceHarness: Sendable {
    let directory: String
    let clock: ManualClock
    let core: RoomSessionCore
    let server: RPCServer
    let database: DatabasePool

    var socket: String { server.configuration.publicSocketPath }

    /// Runs `body` against a fresh service (or one reopening `directory`'s database), then
    /// shuts it down and closes the database.
    @discardableResult
    static func run<T: Sendable>(
        authorizer: any Authorizer = FakeAuthorizer(), start: Instant = serviceStart, lease: TimeSpan = .seconds(60),
        directory: String? = nil, _ body: @Sendable (ServiceHarness) async throws -> T
    ) async throws -> T {
        let directory = directory ?? TemporaryDirectory.make("hjrs")
        var logger = Logger(label: "test.room-session")
        logger.logLevel = .warning
        let database = try ServiceDatabase.open(
            directory: "\(directory)/data", name: "room-session", migrator: RoomSessionMigrations.migrator, logger: logger)
        let clock = ManualClock(start)
        let core = RoomSessionCore(
            engine: PresenceEngine(lease: lease), store: RoomSessionStore(database: database), clock: clock, authorizer: authorizer,
            logger: logger)
        try await core.recoverAfterRestart()
        let health = HealthStatus(serving: true)
        let server = RPCServer(
            configuration: ServerConfiguration(serviceName: "room-session", runtimeDirectory: "\(directory)/run", logger: logger),
            router: makeRoomSessionRouter(core: core, health: health))
        let harness = ServiceHarness(directory: directory, clock: clock, core: core, server: server, database: database)
        let result = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            do {
                let result = try await body(harness)
                server.beginGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                server.beginGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
        try database.close()
        return result
    }

    /// A new connection to the public socket.
    func client() -> RPCClient {
        RPCClient(socketPath: socket, defaultDeadline: .seconds(20))
    }

    /// Activation's relay, as it delivers an account event on the operator socket.
    func deliverAccountEvent(_ accountID: String, id: String) async throws -> SessionV1.AccountEventAck {
        let peer = RPCClient(socketPath: server.configuration.operatorSocketPath, defaultDeadline: .seconds(20))
        return try await SessionV1.RoomSessionService.Client(peer).deliverAccountEvent(
            SessionV1.AccountEvent(eventID: id, accountID: accountID, change: .feeTermsUpdated(SessionV1.FeeTermsUpdated())))
    }

    /// Runs the sweeper and then the flusher once, as the background services would.
    func upkeep() async {
        await core.sweep()
        await core.flush()
    }

    // MARK: Calls

    /// The typed client of the room-session service over `client` (a new connection if nil).
    func session(_ client: RPCClient? = nil) -> SessionV1.RoomSessionService.Client {
        SessionV1.RoomSessionService.Client(client ?? self.client())
    }

    /// Starts a paid broadcast with `code` as `account`.
    func start(
        _ code: String = codeA, device: String = deviceA, wechat: String = wechatA, as account: String = accountA,
        title: String = "", client: RPCClient? = nil
    ) async throws -> SessionV1.StartBroadcastResponse {
        try await session(client).startBroadcast(
            SessionV1.StartBroadcastRequest(code: code, deviceID: device, wechatOpenid: wechat, title: title),
            metadata: [MetadataKey.accountID: account])
    }

    /// Starts a trial broadcast.
    func trial(device: String = "trial-device", wechat: String = "trial-wechat", client: RPCClient? = nil) async throws
        -> SessionV1.StartBroadcastResponse
    {
        try await session(client).startTrialBroadcast(
            SessionV1.StartTrialBroadcastRequest(deviceID: device, wechatOpenid: wechat))
    }

    /// Join, Heartbeat or Leave.
    func viewer(
        _ method: MethodDescriptor<SessionV1.ViewerRequest, SessionV1.ViewerResponse>, _ broadcast: String,
        _ viewer: String, client: RPCClient
    ) async throws -> SessionV1.ViewerResponse {
        try await client.call(method, SessionV1.ViewerRequest(broadcastID: broadcast, viewerID: viewer))
    }

    /// GetBroadcast / EndBroadcast with a token or as an account.
    func hosted(
        _ method: MethodDescriptor<SessionV1.HostedBroadcastRequest, SessionV1.Broadcast>, _ broadcast: String,
        token: String = "", as account: String? = nil, client: RPCClient? = nil
    ) async throws -> SessionV1.Broadcast {
        try await (client ?? self.client()).call(
            method, SessionV1.HostedBroadcastRequest(broadcastID: broadcast, hostToken: token),
            metadata: account.map { [MetadataKey.accountID: $0] } ?? [:])
    }

    /// GetRadar with a token or as an account.
    func radar(
        _ broadcast: String, token: String = "", as account: String? = nil, pageSize: UInt32 = 0, pageToken: String = "",
        client: RPCClient? = nil
    ) async throws -> SessionV1.RadarResponse {
        try await session(client).getRadar(
            SessionV1.RadarRequest(broadcastID: broadcast, hostToken: token, pageSize: pageSize, pageToken: pageToken),
            metadata: account.map { [MetadataKey.accountID: $0] } ?? [:])
    }

    /// ListBroadcasts as `account`.
    func list(
        as account: String = accountA, pageSize: UInt32 = 0, pageToken: String = "", client: RPCClient? = nil
    ) async throws -> SessionV1.ListBroadcastsResponse {
        try await session(client).listBroadcasts(
            SessionV1.ListBroadcastsRequest(pageSize: pageSize, pageToken: pageToken),
            metadata: [MetadataKey.accountID: account])
    }

    /// Joins `count` distinct viewers `prefix0`, `prefix1`… over `connections` connections,
    /// `depth` calls in flight on each; returns how many were admitted and refused (by status).
    func fill(
        _ broadcast: String, viewers: Range<Int>, prefix: String = "wx_", connections: Int = 8, depth: Int = 16
    ) async throws -> (admitted: Int, refused: [StatusCode: Int]) {
        let clients = (0..<connections).map { _ in client() }
        let result = try await withThrowingTaskGroup(of: (Int, [StatusCode: Int]).self) { group in
            for lane in 0..<(connections * depth) {
                let client = clients[lane % connections]
                group.addTask {
                    var admitted = 0
                    var refused: [StatusCode: Int] = [:]
                    var number = viewers.lowerBound + lane
                    while number < viewers.upperBound {
                        do {
                            _ = try await client.call(
                                Session.join, SessionV1.ViewerRequest(broadcastID: broadcast, viewerID: "\(prefix)\(number)"))
                            admitted += 1
                        } catch let error as RPCError {
                            refused[error.code, default: 0] += 1
                        }
                        number += connections * depth
                    }
                    return (admitted, refused)
                }
            }
            var admitted = 0
            var refused: [StatusCode: Int] = [:]
            for try await (lane, laneRefused) in group {
                admitted += lane
                refused.merge(laneRefused, uniquingKeysWith: +)
            }
            return (admitted, refused)
        }
        for client in clients { await client.close() }
        return result
    }
}
