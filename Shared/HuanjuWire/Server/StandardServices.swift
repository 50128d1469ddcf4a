import Synchronization

/// Whether the process is ready to serve: NOT_SERVING until its store is open and its
/// migrations ran, and again once it begins shutting down.
public final class HealthStatus: Sendable {
    private let serving = Atomic<Bool>(false)

    public init(serving: Bool = false) {
        self.serving.store(serving, ordering: .relaxed)
    }

    public var isServing: Bool { serving.load(ordering: .relaxed) }

    public func set(serving: Bool) {
        self.serving.store(serving, ordering: .relaxed)
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
        health: HealthStatus, serviceNames: [String] = [], gauges: @escaping @Sendable () -> [Gauge] = { [] }
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
        // Concurrent, not on the event loop: a service's gauges may read its database.
        register(StandardMethods.metrics, access: .operatorOnly) { (_: GetMetricsRequest, _) in
            // The metrics method's own calls are left out of its answer: it is registered last.
            GetMetricsResponse(prometheusText: PrometheusText.render(service: serviceName, methods: stats, gauges: gauges()))
        }
    }
}
