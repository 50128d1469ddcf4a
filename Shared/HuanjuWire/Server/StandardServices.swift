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
    public static let healthCheck = "huanju.health.v1.Health/Check"
    public static let listMethods = "huanju.reflection.v1.Reflection/ListMethods"
    public static let metrics = "huanju.metrics.v1.Metrics/Get"
}

extension Router {
    /// Adds `huanju.health.v1.Health/Check` and `huanju.reflection.v1.Reflection/ListMethods`
    /// (public, so both sockets serve them) and `huanju.metrics.v1.Metrics/Get` (operator
    /// socket: calls by method and status, latency, and the service's `gauges`). Health
    /// knows the process ("") and the given proto service names; any other name is
    /// NOT_FOUND, as in grpc.health.v1. Call it after registering the service's own methods
    /// so the list is complete.
    public mutating func addStandardServices(
        health: HealthStatus, serviceNames: [String] = [], gauges: @escaping @Sendable () async throws -> [Gauge] = { [] }
    ) {
        let metricsPlaceholder = MethodDescription(
            name: StandardMethods.metrics, requestType: GetMetricsRequest.protoName,
            responseType: GetMetricsResponse.protoName, operatorOnly: true, requiredMetadata: [])
        let known = Set(serviceNames + ["", "huanju.health.v1.Health", "huanju.reflection.v1.Reflection"])
        registerOnEventLoop(StandardMethods.healthCheck) { (request: HealthCheckRequest, _) in
            guard known.contains(request.service) else {
                throw RPCError(.notFound, "this process serves no service named '\(request.service)'")
            }
            return HealthCheckResponse(status: health.isServing ? .serving : .notServing)
        }
        let serviceName = self.serviceName
        let placeholder = MethodDescription(
            name: StandardMethods.listMethods, requestType: ListMethodsRequest.protoName,
            responseType: ListMethodsResponse.protoName, operatorOnly: false, requiredMetadata: [])
        let methods = (self.methods + [placeholder, metricsPlaceholder]).sorted { $0.name < $1.name }
        registerOnEventLoop(StandardMethods.listMethods) { (_: ListMethodsRequest, _) in
            ListMethodsResponse(service: serviceName, methods: methods)
        }
        let stats = allStats
        // Concurrent, not on the event loop: a service's gauges read its database (asynchronously:
        // no thread waits for it).
        register(StandardMethods.metrics, access: .operatorOnly) { (_: GetMetricsRequest, _) in
            // The metrics method's own calls are left out of its answer: it is registered last.
            GetMetricsResponse(prometheusText: PrometheusText.render(service: serviceName, methods: stats, gauges: try await gauges()))
        }
    }
}
