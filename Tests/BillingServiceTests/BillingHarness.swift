import BillingService
import Foundation
import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import NIOCore
import Synchronization
import Testing

/// The billing service in-process on a real socket: an `RPCServer` in a temporary runtime
/// directory serving `makeBillingRouter`, over a store on an in-memory (or given) database,
/// a `ManualClock` and a fake code directory. Tests drive it with `RPCClient`s, as customers
/// on the public socket and as operators on the operator socket.
struct BillingHarness: Sendable {
    static let start = Instant.cst(2020, 1, 1, 12, 0)

    let directory: String
    let clock: ManualClock
    let codes: FakeCodeDirectory
    let database: any DatabaseWriter
    let server: RPCServer
    let publicClient: RPCClient
    let operatorClient: RPCClient

    init(database: (any DatabaseWriter)? = nil, clock: ManualClock = ManualClock(start),
         codes: FakeCodeDirectory = FakeCodeDirectory(), directory: String = TemporaryDirectory.make("hjb"),
         codeDirectory: (any CodeDirectory)? = nil, maxCallsInFlightPerConnection: Int = 64) throws {
        self.directory = directory
        self.clock = clock
        self.codes = codes
        self.database = try database ?? ServiceDatabase.inMemory(migrator: BillingMigrations.migrator)
        let router = makeBillingRouter(
            store: BillingStore(database: self.database), clock: clock, codes: codeDirectory ?? codes,
            health: HealthStatus(serving: true))
        var configuration = ServerConfiguration(serviceName: "billing", runtimeDirectory: directory)
        configuration.maxCallsInFlightPerConnection = maxCallsInFlightPerConnection
        server = RPCServer(configuration: configuration, router: router)
        publicClient = RPCClient(socketPath: server.configuration.publicSocketPath, defaultDeadline: .seconds(10))
        operatorClient = RPCClient(socketPath: server.configuration.operatorSocketPath, defaultDeadline: .seconds(10))
    }

    /// Runs `body` against a serving harness, then shuts the server down gracefully.
    static func run<T: Sendable>(
        _ harness: BillingHarness? = nil, _ body: @Sendable (BillingHarness) async throws -> T
    ) async throws -> T {
        let harness = try harness ?? BillingHarness()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await harness.server.run() }
            try await harness.server.waitUntilListening()
            do {
                let result = try await body(harness)
                await harness.stop()
                try await group.waitForAll()
                return result
            } catch {
                await harness.stop()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    private func stop() async {
        await publicClient.close()
        await operatorClient.close()
        server.beginGracefulShutdown()
    }

    // MARK: Calls

    /// Calls a method as customer `account` (public socket), or as an operator, waiting
    /// `deadline` (the client's 10 s when nil).
    func call<Request, Response>(
        _ method: MethodDescriptor<Request, Response>, _ request: Request, as account: String? = nil, key: String? = nil,
        operator: Bool = false, deadline: TimeAmount? = nil
    ) async throws -> Response {
        try await client(operator: `operator`).call(
            method, request, metadata: Self.metadata(account: account, key: key), deadline: deadline)
    }

    /// Sends `payload` (bytes made by hand) to `method` and returns the raw answer.
    func send<Request, Response>(
        _ method: MethodDescriptor<Request, Response>, payload: [UInt8], as account: String? = nil, operator: Bool = false
    ) async throws -> RPCV1.Response {
        try await client(operator: `operator`).send(
            method: method.name, payload: payload, metadata: Self.metadata(account: account, key: nil))
    }

    private func client(operator: Bool) -> RPCClient {
        `operator` ? operatorClient : publicClient
    }

    private static func metadata(account: String?, key: String?) -> [String: String] {
        var metadata: [String: String] = [:]
        if let account { metadata[MetadataKey.accountID] = account }
        if let key { metadata[MetadataKey.idempotencyKey] = key }
        return metadata
    }

    /// The error a call that must fail answers with.
    func refusal<Request, Response>(
        _ method: MethodDescriptor<Request, Response>, _ request: Request, as account: String? = nil, key: String? = nil,
        operator: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> RPCError {
        do {
            let response = try await call(method, request, as: account, key: key, operator: `operator`)
            Issue.record("\(method.name) succeeded but had to fail: \(response)", sourceLocation: sourceLocation)
            return RPCError(.ok, "succeeded")
        } catch let error as RPCError {
            return error
        } catch {
            Issue.record("\(method.name) failed with a non-RPC error: \(error)", sourceLocation: sourceLocation)
            return RPCError(.unknown, "\(error)")
        }
    }

    // MARK: Journeys

    /// Registers an account and returns its id.
    func register(_ kind: BillingV1.AccountKind = .enterprise, name: String = "Acme") async throws -> String {
        let response = try await call(
            Billing.registerAccount, BillingV1.RegisterAccountRequest(kind: kind, displayName: name, contact: "ops@acme.example"))
        return try #require(response.account).accountID
    }

    /// An ENTERPRISE account that applied and was approved. The approval's message for the
    /// account's feed (activation's) is taken as delivered: the tests using this account are
    /// about what its purchases send (`ApplicationNoticeTests` checks that message).
    func approvedEnterprise(name: String = "Acme") async throws -> String {
        let account = try await register(.enterprise, name: name)
        _ = try await call(Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
        _ = try await call(Billing.approveApplication, BillingV1.ApproveApplicationRequest(accountID: account), operator: true)
        try await database.write { db in
            try db.execute(
                sql: "DELETE FROM outbox WHERE partition_key = ? AND message_id LIKE '%/application-%/decided'", arguments: [account])
        }
        return account
    }

    func buyFee(_ account: String, key: String = UUID().uuidString) async throws -> BillingV1.PurchaseResponse {
        try await call(Billing.purchaseAnnualFee, BillingV1.PurchaseAnnualFeeRequest(), as: account, key: key)
    }

    func buyCodes(_ account: String, _ request: BillingV1.PurchaseCodesRequest, key: String = UUID().uuidString) async throws
        -> BillingV1.PurchaseResponse {
        try await call(Billing.purchaseCodes, request, as: account, key: key)
    }

    func accountDetails(_ account: String) async throws -> BillingV1.AccountDetails {
        try await call(Billing.getAccount, BillingV1.GetAccountRequest(), as: account)
    }

    func orders(_ account: String) async throws -> [BillingV1.Order] {
        try await call(Billing.listOrders, BillingV1.ListOrdersRequest(), as: account).orders
    }

    // MARK: The outbox

    /// Every message queued for activation, in delivery order, with its decoded event.
    func outbox() async throws -> [(id: String, method: String, event: ActivationV1.BillingEvent, delivered: Bool)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT message_id, method, payload, delivered_at FROM outbox ORDER BY sequence").map { row in
                let payload: Data = row["payload"]
                let deliveredAt: Int64? = row["delivered_at"]
                return (id: row["message_id"], method: row["method"],
                        event: try ActivationV1.BillingEvent(serializedBytes: [UInt8](payload)), delivered: deliveredAt != nil)
            }
        }
    }
}

/// Billing's methods, as the generated descriptors name them.
typealias Billing = BillingV1.BillingService.Method

extension Instant {
    /// The instant in wire form (Unix milliseconds).
    var ms: Int64 { unixMilliseconds }
}

extension ActivationV1.BillingEvent {
    /// The fee terms it carries, if it is a fee-terms change.
    var feeTermsChanged: ActivationV1.FeeTermsChanged? {
        if case .feeTermsChanged(let value) = change { return value }
        return nil
    }

    /// The codes it orders, if it is a codes order.
    var codesOrdered: ActivationV1.CodesOrdered? {
        if case .codesOrdered(let value) = change { return value }
        return nil
    }

    /// The ticket it says was paid, if it is an expansion payment.
    var expansionPaid: ActivationV1.ExpansionPaid? {
        if case .expansionPaid(let value) = change { return value }
        return nil
    }
}

/// Codes as a test says they are: a table of code id → owner and snapshot, and a switch
/// that makes the directory unreachable, as activation being down would.
final class FakeCodeDirectory: CodeDirectory {
    private let codes = Mutex<[String: (account: String, snapshot: CodeSnapshot)]>([:])
    private let reachable = Atomic<Bool>(true)
    private let lookups = Atomic<Int>(0)

    /// Adds (or replaces) code `codeID` of `account`.
    func put(_ codeID: String, account: String, status: CodeStatus, capacity: Int = 20_000) {
        codes.withLock { $0[codeID] = (account, CodeSnapshot(codeID: codeID, status: status, capacity: capacity)) }
    }

    func setReachable(_ value: Bool) {
        reachable.store(value, ordering: .relaxed)
    }

    /// How many look-ups were made.
    var lookupCount: Int { lookups.load(ordering: .relaxed) }

    func code(_ codeID: String, ownedBy accountID: String, for _: CallContext?) async throws -> CodeSnapshot {
        lookups.add(1, ordering: .relaxed)
        guard reachable.load(ordering: .relaxed) else {
            throw RPCError(.unavailable, "the activation service cannot be reached to check code \(codeID)")
        }
        guard let entry = codes.withLock({ $0[codeID] }), entry.account == accountID else {
            throw DomainError.notFound("no code \(codeID) in this account")
        }
        return entry.snapshot
    }
}
