/// The one error type on the wire: a status code and a message a person can act on.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String

    public init(_ code: StatusCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `FAILED_PRECONDITION: code HJ-…-7Q lapsed: …`
    public var description: String { "\(code): \(message)" }
}

/// An error that knows its wire status (domain errors opt in by conforming).
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError {
    /// The wire form of anything a handler throws. Unmapped errors become UNKNOWN with a
    /// generic message (their details go to the log, not to the caller).
    public init(mapping error: any Error) {
        switch error {
        case let error as RPCError: self = error
        case let error as any RPCErrorConvertible: self = error.rpcError
        case is CancellationError: self = RPCError(.cancelled, "the call was cancelled")
        default: self = RPCError(.unknown, "the service failed to handle the call; see its log")
        }
    }
}
