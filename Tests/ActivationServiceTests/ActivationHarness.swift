import ActivationService
import Foundation
import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Logging
import Testing

/// The activation service in-process: its router on a real `RPCServer` in a temporary runtime
/// directory, its database in a temporary data directory, a `ManualClock`, and clients of
/// both sockets. Tests drive it over the wire, as billing, room-session and customers do.
struct ActivationHarness: Sendable {
    static let quiet = Logger(label: "activation-test") { _ in SwiftLogNoOpLogHandler() }

    let directory: String
    let clock: ManualClock
    let database: DatabasePool
    /// `activation.sock`: customers.
    let customerRPC: RPCClient
    /// `activation-admin.sock`: operators and peers.
    let operatorRPC: RPCClient

    /// The service's methods on `activation.sock`, as a customer calls them.
    var customer: ActivationV1.ActivationService.Client { ActivationV1.ActivationService.Client(customerRPC) }
    /// The service's methods on `activation-admin.sock`, as operators and peers call them.
    var operators: ActivationV1.ActivationService.Client { ActivationV1.ActivationService.Client(operatorRPC) }

    /// Serves the service for the duration of `body` (on `directory`; by default a fresh one,
    /// removed afterwards), then shuts it down and closes the database.
    @discardableResult
    static func serving<T: Sendable>(
        in given: String? = nil, clock: ManualClock, _ body: @Sendable (ActivationHarness) async throws -> T
    ) async throws -> T {
        let directory = given ?? TemporaryDirectory.make("hja")
        defer { if given == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let database = try ServiceDatabase.open(
            directory: "\(directory)/data", name: "activation", migrator: ActivationMigrations.migrator, logger: quiet)
        let router = makeActivationRouter(
            store: ActivationStore(database: database), clock: clock, logger: quiet, health: HealthStatus(serving: true))
        var configuration = ServerConfiguration(serviceName: "activation", runtimeDirectory: "\(directory)/run")
        configuration.logger = quiet
        let server = RPCServer(configuration: configuration, router: router)
        let harness = ActivationHarness(
            directory: directory, clock: clock, database: database,
            customerRPC: RPCClient(socketPath: configuration.publicSocketPath, defaultDeadline: .seconds(20)),
            operatorRPC: RPCClient(socketPath: configuration.operatorSocketPath, defaultDeadline: .seconds(20)))
        let result: Result<T, any Error> = await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let outcome: Result<T, any Error>
            do {
                try await server.waitUntilListening()
                outcome = .success(try await body(harness))
            } catch {
                outcome = .failure(error)
            }
            await harness.customerRPC.close()
            await harness.operatorRPC.close()
            server.beginGracefulShutdown()
            do { try await group.waitForAll() } catch { return .failure(error) }
            return outcome
        }
        try database.close()
        return try result.get()
    }

    // MARK: As billing's relay

    @discardableResult
    func deliver(_ event: ActivationV1.BillingEvent) async throws -> ActivationV1.BillingEventAck {
        try await operators.deliverBillingEvent(event)
    }

    /// Delivers an event as encoded bytes (hand-made: fields this build does not know),
    /// exactly as billing's relay sends its outbox payloads; returns the raw answer.
    func deliver(bytes: [UInt8]) async throws -> RPCV1.Response {
        try await operatorRPC.send(method: ActivationV1.ActivationService.Method.deliverBillingEvent.name, payload: bytes)
    }

    /// Billing reports the account's fee schedule.
    @discardableResult
    func reportFee(_ account: String, _ schedule: FeeSchedule, eventID: String? = nil) async throws -> ActivationV1.BillingEventAck {
        try await deliver(Self.feeEvent(account, schedule, eventID: eventID ?? Identifier.make("evt"), at: clock.now()))
    }

    /// Billing reports codes ordered at `issuedAt`.
    @discardableResult
    func reportCodes(
        _ account: String, kind: ActivationV1.CodeKind = .flagship, quantity: UInt32 = 1, addonGroups: UInt32 = 0,
        issuedAt: Instant, gift: Bool = false, orderID: String = Identifier.make("ord"), eventID: String? = nil
    ) async throws -> ActivationV1.BillingEventAck {
        try await deliver(Self.codesEvent(
            account, kind: kind, quantity: quantity, addonGroups: addonGroups, issuedAt: issuedAt, gift: gift,
            orderID: orderID, eventID: eventID ?? Identifier.make("evt")))
    }

    /// Billing reports an expansion ticket paid.
    @discardableResult
    func reportExpansionPaid(_ account: String, ticket: String, code: String, groups: UInt32) async throws -> ActivationV1.BillingEventAck {
        try await deliver(ActivationV1.BillingEvent(
            eventID: Identifier.make("evt"), accountID: account, occurredAtMs: clock.now().unixMilliseconds,
            change: .expansionPaid(ActivationV1.ExpansionPaid(
                ticketID: ticket, codeID: code, groups: groups, paidAtMs: clock.now().unixMilliseconds))))
    }

    /// The event billing sends when an account's fee schedule changed at `occurredAt`.
    static func feeEvent(_ account: String, _ schedule: FeeSchedule, eventID: String, at occurredAt: Instant) -> ActivationV1.BillingEvent {
        ActivationV1.BillingEvent(
            eventID: eventID, accountID: account, occurredAtMs: occurredAt.unixMilliseconds,
            change: .feeTermsChanged(ActivationV1.FeeTermsChanged(terms: schedule.terms.map {
                ActivationV1.FeeTerm(startMs: $0.start.unixMilliseconds, endMs: $0.end.unixMilliseconds)
            })))
    }

    /// The event billing sends for an order of codes placed at `issuedAt`.
    static func codesEvent(
        _ account: String, kind: ActivationV1.CodeKind = .flagship, quantity: UInt32 = 1, addonGroups: UInt32 = 0,
        issuedAt: Instant, gift: Bool = false, orderID: String = "ord-1", eventID: String
    ) -> ActivationV1.BillingEvent {
        ActivationV1.BillingEvent(
            eventID: eventID, accountID: account, occurredAtMs: issuedAt.unixMilliseconds,
            change: .codesOrdered(ActivationV1.CodesOrdered(
                orderID: orderID, kind: kind, quantity: quantity, addonGroupsPerCode: addonGroups,
                issuedAtMs: issuedAt.unixMilliseconds, gift: gift)))
    }

    /// RULES §11 step 1: the account buys the annual fee now and receives its gift code.
    /// Returns the schedule and the gift code.
    func buyAnnualFee(_ account: String, schedule: FeeSchedule = FeeSchedule()) async throws -> (FeeSchedule, ActivationV1.Code) {
        var schedule = schedule
        let before = Set(try await codes(of: account).map(\.codeID))
        try schedule.purchase(at: clock.now())
        try await reportFee(account, schedule)
        try await reportCodes(account, kind: .flagship, issuedAt: clock.now(), gift: true)
        let gift = try #require(try await codes(of: account).first { !before.contains($0.codeID) })
        return (schedule, gift)
    }

    // MARK: As a customer

    func codes(of account: String) async throws -> [ActivationV1.Code] {
        var all: [ActivationV1.Code] = []
        var token = ""
        repeat {
            let page = try await customer.listCodes(.init(pageToken: token), metadata: Self.caller(account))
            all += page.codes
            token = page.nextPageToken
        } while !token.isEmpty
        return all
    }

    func code(_ codeID: String, of account: String) async throws -> ActivationV1.Code {
        try await customer.getCode(.init(codeID: codeID), metadata: Self.caller(account))
    }

    @discardableResult
    func bind(_ account: String, _ text: String, device: String = "dev-1", wechat: String = "wx-1") async throws -> ActivationV1.BindCodeResponse {
        try await customer.bindCode(.init(code: text, deviceID: device, wechatOpenid: wechat), metadata: Self.caller(account))
    }

    // MARK: As room-session

    func authorize(_ text: String, device: String = "dev-1", wechat: String = "wx-1") async throws -> ActivationV1.AuthorizeBroadcastResponse {
        try await operators.authorizeBroadcast(.init(code: text, deviceID: device, wechatOpenid: wechat))
    }

    static func caller(_ account: String) -> [String: String] { [MetadataKey.accountID: account] }
}
