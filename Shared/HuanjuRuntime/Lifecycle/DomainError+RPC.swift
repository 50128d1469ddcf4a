import HuanjuDomain
import HuanjuWire

/// Domain errors carry gRPC's status numbers, so they cross the wire unchanged: a broken
/// rule is FAILED_PRECONDITION, a full room RESOURCE_EXHAUSTED, and so on.
extension DomainError: RPCErrorConvertible {
    public var rpcError: RPCError {
        RPCError(StatusCode(rawValue: Int32(code.rawValue)) ?? .unknown, message)
    }
}
