/// A broken rule: a gRPC status code plus a message a person can act on.
///
/// The message says what failed, the instant or limit involved (instants in CST, as
/// `2020-03-01 12:00 CST`) and, where something would make the call succeed, what that is.
/// The wire layer maps `code` one to one onto the status it sends.
public struct DomainError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The gRPC status codes the rules use; raw values are gRPC's status numbers.
    public enum Code: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// A malformed request, wrong regardless of the system's state (gRPC 3).
        case invalidArgument = 3
        /// The thing asked about does not exist, or belongs to someone else (gRPC 5).
        case notFound = 5
        /// The thing to create exists already (gRPC 6).
        case alreadyExists = 6
        /// The caller may not do this (gRPC 7).
        case permissionDenied = 7
        /// A limit is reached, e.g. a full room (gRPC 8).
        case resourceExhausted = 8
        /// A business rule refuses the call in the current state (gRPC 9).
        case failedPrecondition = 9
        /// A value lies outside the range the system supports (gRPC 11).
        case outOfRange = 11

        /// The gRPC name, e.g. `FAILED_PRECONDITION`.
        public var description: String {
            switch self {
            case .invalidArgument: "INVALID_ARGUMENT"
            case .notFound: "NOT_FOUND"
            case .alreadyExists: "ALREADY_EXISTS"
            case .permissionDenied: "PERMISSION_DENIED"
            case .resourceExhausted: "RESOURCE_EXHAUSTED"
            case .failedPrecondition: "FAILED_PRECONDITION"
            case .outOfRange: "OUT_OF_RANGE"
            }
        }
    }

    /// The status code the wire sends.
    public let code: Code
    /// What failed, why, and what would make it succeed.
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A malformed request (gRPC 3).
    public static func invalidArgument(_ message: String) -> DomainError { DomainError(.invalidArgument, message) }
    /// Something that does not exist, or is someone else's (gRPC 5).
    public static func notFound(_ message: String) -> DomainError { DomainError(.notFound, message) }
    /// Something that exists already (gRPC 6).
    public static func alreadyExists(_ message: String) -> DomainError { DomainError(.alreadyExists, message) }
    /// The caller may not do this (gRPC 7).
    public static func permissionDenied(_ message: String) -> DomainError { DomainError(.permissionDenied, message) }
    /// A limit is reached (gRPC 8).
    public static func resourceExhausted(_ message: String) -> DomainError { DomainError(.resourceExhausted, message) }
    /// A business rule refuses the call now (gRPC 9).
    public static func failedPrecondition(_ message: String) -> DomainError { DomainError(.failedPrecondition, message) }
    /// A value outside the supported range (gRPC 11).
    public static func outOfRange(_ message: String) -> DomainError { DomainError(.outOfRange, message) }

    /// `FAILED_PRECONDITION: <message>`.
    public var description: String { "\(code): \(message)" }
}
