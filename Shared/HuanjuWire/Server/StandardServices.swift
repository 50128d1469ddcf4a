import NIOCore
import Synchronization

/// Whether the process can serve: NOT_SERVING until its store is open and its migrations
/// ran, again once it begins shutting down, and whenever its storage has not answered for
/// `storageStaleAfter` (a database that cannot answer makes every call that needs it fail).
///
/// The storage is watched by a probe that calls `storageAnswered()` each time the database
/// answered it; the check itself only compares clocks, so it answers even when every thread
/// that could reach the database is stuck.
public final class HealthStatus: Sendable {
    private let serving = Atomic<Bool>(false)
    /// Uptime nanoseconds of the storage's last answer; 0 = no storage is watched.
    private let storageAnsweredAt = Atomic<UInt64>(0)
    /// How long the storage may go without answering before the process is NOT_SERVING.
    public let storageStaleAfter: TimeAmount

    public init(serving: Bool = false, storageStaleAfter: TimeAmount = .seconds(5)) {
        self.serving.store(serving, ordering: .relaxed)
        self.storageStaleAfter = storageStaleAfter
    }

    public var isServing: Bool {
        serving.load(ordering: .relaxed) && storageAnswersInTime(now: .now())
    }

    public func set(serving: Bool) {
        self.serving.store(serving, ordering: .relaxed)
    }

    /// The storage answered a probe just now (and is watched from now on).
    public func storageAnswered(at now: NIODeadline = .now()) {
        storageAnsweredAt.store(max(now.uptimeNanoseconds, 1), ordering: .relaxed)
    }

    /// Whether the storage answered within `storageStaleAfter` of `now` (true when none is watched).
    public func storageAnswersInTime(now: NIODeadline) -> Bool {
        let answered = storageAnsweredAt.load(ordering: .relaxed)
        guard answered > 0 else { return true }
        return now.uptimeNanoseconds < answered || Int64(now.uptimeNanoseconds - answered) <= storageStaleAfter.nanoseconds
    }
}

/// Method names of the services every Huanju process serves.
public enum StandardMethods {
    public static let healthCheck = HealthV1.HealthService.Method.check.name
    public static let listMethods = ReflectionV1.ReflectionService.Method.listMethods.name
    public static let metrics = MetricsV1.MetricsService.Method.get.name
}

extension Router {
    /// Adds `huanju.health.v1.Health`, `huanju.reflection.v1.Reflection` and
    /// `huanju.metrics.v1.Metrics` (access as proto/ declares: health and the method list on
    /// both sockets, metrics on the operator socket). Health knows the process ("") and the
    /// given proto service names; any other name is NOT_FOUND, as in grpc.health.v1. Call it
    /// after registering the service's own methods so the list is complete.
    public mutating func addStandardServices(
        health: HealthStatus, serviceNames: [String] = [], gauges: @escaping @Sendable () async throws -> [Gauge] = { [] }
    ) {
        let known = Set(serviceNames + ["", HealthV1.HealthService.name, ReflectionV1.ReflectionService.name])
        HealthV1.HealthService.register(HealthHandler(health: health, known: known), in: &self)
        let standard = HealthV1.HealthService.Method.all + ReflectionV1.ReflectionService.Method.all
            + MetricsV1.MetricsService.Method.all
        let methods = (self.methods.filter { method in !standard.contains { $0.name == method.name } } + standard)
            .sorted { $0.name < $1.name }
        ReflectionV1.ReflectionService.register(ReflectionHandler(service: serviceName, methods: methods), in: &self)
        // The metrics method's own calls are left out of its answer: it is registered last.
        MetricsV1.MetricsService.register(MetricsHandler(service: serviceName, statistics: statistics, gauges: gauges), in: &self)
    }
}

/// `huanju.health.v1.Health`: what `HealthStatus` says.
struct HealthHandler: HealthV1.HealthService.Handler {
    let health: HealthStatus
    let known: Set<String>

    func check(_ request: HealthV1.HealthCheckRequest, context _: CallContext) throws -> HealthV1.HealthCheckResponse {
        guard known.contains(request.service) else {
            throw RPCError(.notFound, "this process serves no service named '\(request.service)'")
        }
        return HealthV1.HealthCheckResponse(status: health.isServing ? .serving : .notServing)
    }
}

/// `huanju.reflection.v1.Reflection`: the router's methods, as proto/ declares them.
struct ReflectionHandler: ReflectionV1.ReflectionService.Handler {
    let service: String
    let methods: [MethodInfo]

    func listMethods(_: ReflectionV1.ListMethodsRequest, context _: CallContext) throws -> ReflectionV1.ListMethodsResponse {
        ReflectionV1.ListMethodsResponse(service: service, methods: methods.map { method in
            ReflectionV1.MethodDescription(
                name: method.name, requestType: method.requestType, responseType: method.responseType,
                operatorOnly: method.access.isOperatorSocketOnly, requiredMetadata: method.requiredMetadata,
                access: method.access.rawValue, optionalMetadata: method.optionalMetadata, summary: method.summary)
        })
    }
}

/// `huanju.metrics.v1.Metrics`: calls by method and status, latency, and the service's
/// gauges (read asynchronously: its database, if any, is never waited for by a thread).
struct MetricsHandler: MetricsV1.MetricsService.Handler {
    let service: String
    let statistics: CallStatistics
    let gauges: @Sendable () async throws -> [Gauge]

    func get(_: MetricsV1.GetMetricsRequest, context _: CallContext) async throws -> MetricsV1.GetMetricsResponse {
        let calls = await statistics.snapshot()
        return MetricsV1.GetMetricsResponse(
            prometheusText: PrometheusText.render(service: service, calls: calls, gauges: try await gauges()))
    }
}
