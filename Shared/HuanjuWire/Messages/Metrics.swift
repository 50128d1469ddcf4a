/// `huanju.metrics.v1.GetMetricsRequest`.
public struct GetMetricsRequest: WireMessage, Equatable {
    public static let protoName = "huanju.metrics.v1.GetMetricsRequest"
    public init() {}
}

/// `huanju.metrics.v1.GetMetricsResponse`: Prometheus text.
public struct GetMetricsResponse: WireMessage, Equatable {
    public static let protoName = "huanju.metrics.v1.GetMetricsResponse"
    public var prometheusText: String

    public init(prometheusText: String) {
        self.prometheusText = prometheusText
    }
}
