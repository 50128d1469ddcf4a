/// `huanju.health.v1.HealthCheckRequest`.
public struct HealthCheckRequest: WireMessage, Equatable {
    public static let protoName = "huanju.health.v1.HealthCheckRequest"
    /// Empty for the whole process.
    public var service: String

    public init(service: String = "") {
        self.service = service
    }
}

/// `huanju.health.v1.HealthCheckResponse`.
public struct HealthCheckResponse: WireMessage, Equatable {
    public static let protoName = "huanju.health.v1.HealthCheckResponse"

    public enum ServingStatus: Int32, Codable, Sendable, CustomStringConvertible {
        case unknown = 0
        case serving = 1
        case notServing = 2
        case serviceUnknown = 3

        public var description: String {
            switch self {
            case .unknown: "UNKNOWN"
            case .serving: "SERVING"
            case .notServing: "NOT_SERVING"
            case .serviceUnknown: "SERVICE_UNKNOWN"
            }
        }
    }

    public var status: ServingStatus

    public init(status: ServingStatus) {
        self.status = status
    }
}
