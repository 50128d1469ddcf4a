import NIOCore

/// Splits a byte stream into frames: a 4-byte unsigned big-endian length N, then N bytes.
///
/// A length above `maxFrameBytes` throws `FrameTooLarge` before any of the body is buffered.
public struct FrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    /// Where the decoder is in the current frame.
    enum State: Equatable {
        case waitingForHeader
        case waitingForFrame(length: Int)
    }

    private(set) var state = State.waitingForHeader
    public let maxFrameBytes: Int

    public init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try nextFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF _: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// The next whole frame in `buffer`, or nil until more bytes arrive.
    mutating func nextFrame(from buffer: inout ByteBuffer) throws -> ByteBuffer? {
        if case .waitingForHeader = state {
            guard let length = buffer.readInteger(endianness: .big, as: UInt32.self) else { return nil }
            guard length <= maxFrameBytes else { throw FrameTooLarge(length: Int(length), limit: maxFrameBytes) }
            state = .waitingForFrame(length: Int(length))
        }
        guard case .waitingForFrame(let length) = state, let frame = buffer.readSlice(length: length) else {
            return nil
        }
        state = .waitingForHeader
        return frame
    }
}

/// A frame announced a length above the configured maximum.
public struct FrameTooLarge: Error, Sendable, Equatable {
    public let length: Int
    public let limit: Int
}

extension ByteBuffer {
    /// Appends one frame: the 4-byte big-endian length of `body`, then `body`.
    mutating func writeFrame(_ body: [UInt8]) {
        writeInteger(UInt32(body.count), endianness: .big)
        writeBytes(body)
    }
}

extension ByteBufferAllocator {
    /// A buffer holding one frame with `body`.
    func frame(_ body: [UInt8]) -> ByteBuffer {
        var buffer = self.buffer(capacity: 4 + body.count)
        buffer.writeFrame(body)
        return buffer
    }
}
