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
    let customer: RPCClient
    /// `activation-admin.sock`: operators and peers.
    let operatorClient: RPCClient

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
            customer: RPCClient(socketPath: configuration.publicSocketPath, defaultDeadline: .seconds(20)),
            operatorClient: RPCClient(socketPath: configuration.operatorSocketPath, defaultDeadline: .seconds(20)))
        let result: Result<T, any Error> = await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let outcome: Result<T, any Error>
            do {
                try await server.waitUntilListening()
                outcome = .success(try await body(harness))
            } catch {
                outcome = .failure(error)
            }
            await harness.customer.close()
            await harness.operatorClient.close()
            server.beginGracefulShutdown()
            do { try await group.waitForAll() } catch { return .failure(error) }
            return outcome
        }
        try database.close()
        return try result.get()
    }

    // MARK: As billing's relay

    @discardableResult
    func deliver(_ event: BillingEvent) async throws -> BillingEventAck {
        try await operatorClient.call(ActivationMethods.deliverBillingEvent, event)
    }

    /// Billing reports the account's fee schedule.
    @discardableResult
    func reportFee(_ account: String, _ schedule: FeeSchedule, eventId: String? = nil) async throws -> BillingEventAck {
        try await deliver(BillingEvent(
            eventId: eventId ?? Identifier.make("evt"), accountId: account, occurredAtMs: clock.now(),
            feeTermsChanged: FeeTermsChanged(terms: schedule.terms.map { FeeTermMessage(startMs: $0.start, endMs: $0.end) })))
    }

    /// Billing reports codes ordered at `issuedAt`.
    @discardableResult
    func reportCodes(
        _ account: String, kind: CodeKindMessage = .flagship, quantity: UInt32 = 1, addonGroups: UInt32 = 0,
        issuedAt: Instant, gift: Bool = false, orderId: String = Identifier.make("ord"), eventId: String? = nil
    ) async throws -> BillingEventAck {
        try await deliver(BillingEvent(
            eventId: eventId ?? Identifier.make("evt"), accountId: account, occurredAtMs: issuedAt,
            codesOrdered: CodesOrdered(
                orderId: orderId, kind: kind, quantity: quantity, addonGroupsPerCode: addonGroups, issuedAtMs: issuedAt,
                gift: gift)))
    }

    /// Billing reports an expansion ticket paid.
    @discardableResult
    func reportExpansionPaid(_ account: String, ticket: String, code: String, groups: UInt32) async throws -> BillingEventAck {
        try await deliver(BillingEvent(
            eventId: Identifier.make("evt"), accountId: account, occurredAtMs: clock.now(),
            expansionPaid: ExpansionPaid(ticketId: ticket, codeId: code, groups: groups, paidAtMs: clock.now())))
    }

    /// RULES §11 step 1: the account buys the annual fee now and receives its gift code.
    /// Returns the schedule and the gift code.
    func buyAnnualFee(_ account: String, schedule: FeeSchedule = FeeSchedule()) async throws -> (FeeSchedule, CodeMessage) {
        var schedule = schedule
        let before = Set(try await codes(of: account).map(\.codeId))
        try schedule.purchase(at: clock.now())
        try await reportFee(account, schedule)
        try await reportCodes(account, kind: .flagship, issuedAt: clock.now(), gift: true)
        let gift = try #require(try await codes(of: account).first { !before.contains($0.codeId) })
        return (schedule, gift)
    }

    // MARK: As a customer

    func codes(of account: String) async throws -> [CodeMessage] {
        var all: [CodeMessage] = []
        var token = ""
        repeat {
            let page: ListCodesResponse = try await customer.call(
                ActivationMethods.listCodes, ListCodesRequest(pageToken: token), metadata: Self.caller(account))
            all += page.codes
            token = page.nextPageToken
        } while !token.isEmpty
        return all
    }

    func code(_ codeId: String, of account: String) async throws -> CodeMessage {
        try await customer.call(ActivationMethods.getCode, GetCodeRequest(codeId: codeId), metadata: Self.caller(account))
    }

    @discardableResult
    func bind(_ account: String, _ text: String, device: String = "dev-1", wechat: String = "wx-1") async throws -> BindCodeResponse {
        try await customer.call(
            ActivationMethods.bindCode, BindCodeRequest(code: text, deviceId: device, wechatOpenid: wechat),
            metadata: Self.caller(account))
    }

    // MARK: As room-session

    func authorize(_ text: String, device: String = "dev-1", wechat: String = "wx-1") async throws -> AuthorizeBroadcastResponse {
        try await operatorClient.call(
            ActivationMethods.authorizeBroadcast, AuthorizeBroadcastRequest(code: text, deviceId: device, wechatOpenid: wechat))
    }

    static func caller(_ account: String) -> [String: String] { [MetadataKey.accountID: account] }
}
