import NIOCore

/// The framing-only echo (`Tests/Benchmarks/echo_server.c`): the session service's 4-byte
/// big-endian framing with a body of the size of a Join request, sent back unchanged. No
/// decoding, no work: what the socket and the event loops cost on their own.
struct EchoDialect: WireDialect {
    static let matchesByCallId = false
    private let frame: [UInt8]

    /// Frames with `bodyBytes` bytes of body.
    init(bodyBytes: Int) {
        var frame = [UInt8]()
        frame.reserveCapacity(4 + bodyBytes)
        withUnsafeBytes(of: UInt32(bodyBytes).bigEndian) { frame.append(contentsOf: $0) }
        frame.append(contentsOf: (0..<bodyBytes).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        self.frame = frame
    }

    func encode(_: PlannedCall, callID _: UInt64, into buffer: inout ByteBuffer) {
        buffer.writeBytes(frame)
    }

    func decode(_ buffer: inout ByteBuffer) throws -> RawResponse? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard Int(length) == frame.count - 4 else {
            throw LoadGenError(description: "the echo sent back a frame of \(length) bytes, not \(frame.count - 4)")
        }
        guard buffer.readableBytes >= frame.count else { return nil }
        buffer.moveReaderIndex(forwardBy: frame.count)
        return RawResponse(callID: nil, code: 0)
    }

    func outcome(of _: RawResponse, for _: CallKind) -> CallOutcome { .ok }
}
