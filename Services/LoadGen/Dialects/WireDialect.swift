import NIOCore

/// A response as read off the wire, before it is matched to its call.
struct RawResponse: Sendable {
    /// The call id the response carries; nil for protocols that answer in request order.
    var callID: UInt64?
    /// The protocol's answer: the status code (session), the integer reply (Redis), 0 (echo).
    var code: Int64
    /// What the server said, for an answer that is neither success nor refusal (diagnosis only).
    var message: String?
}

/// What a call's answer means for the benchmark.
enum CallOutcome: Sendable {
    /// Admitted, renewed or left.
    case ok
    /// A join refused because the room is full (RESOURCE_EXHAUSTED; Redis script 0).
    case refused
    /// A heartbeat for a viewer who is not present (NOT_FOUND; Redis SISMEMBER 0).
    case absent
    /// Anything else: an error.
    case failed
}

/// How one target speaks: writes requests, reads responses, says what they mean.
///
/// Implementations keep their per-call work to copying precomputed bytes, so that the
/// generator costs far less than the server it measures.
protocol WireDialect: Sendable {
    /// Whether responses carry the call id (else they come back in request order).
    static var matchesByCallId: Bool { get }
    /// Appends one request to `buffer`.
    func encode(_ call: PlannedCall, callID: UInt64, into buffer: inout ByteBuffer)
    /// Reads one whole response off the front of `buffer`; nil until all of it has arrived.
    /// Throws when the bytes are not this protocol.
    func decode(_ buffer: inout ByteBuffer) throws -> RawResponse?
    /// What `response` means for a call of `kind`.
    func outcome(of response: RawResponse, for kind: CallKind) -> CallOutcome
}

