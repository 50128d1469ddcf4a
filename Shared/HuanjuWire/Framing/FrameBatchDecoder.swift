import NIOCore

/// The server's framing: splits a byte stream into frames (a 4-byte unsigned big-endian length
/// N, then N bytes) and passes on, per read, every whole frame that read completed as one
/// buffer (headers included) — so a client that pipelines 32 calls costs one trip through the
/// pipeline, not 32. `CallHandler` walks the frames of a batch.
///
/// A length above `maxFrameBytes` throws `FrameTooLarge` before any of the body is buffered.
public struct FrameBatchDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    public let maxFrameBytes: Int

    public init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let batch = try nextBatch(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(batch))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF _: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// Every whole frame at the start of `buffer`, as one buffer, or nil when not even one is whole.
    func nextBatch(from buffer: inout ByteBuffer) throws -> ByteBuffer? {
        var end = buffer.readerIndex
        while let length = buffer.getInteger(at: end, endianness: .big, as: UInt32.self) {
            guard length <= maxFrameBytes else {
                if end > buffer.readerIndex { break }   // the whole frames before it are answered first
                throw FrameTooLarge(length: Int(length), limit: maxFrameBytes)
            }
            guard buffer.writerIndex - (end + 4) >= Int(length) else { break }
            end += 4 + Int(length)
        }
        guard end > buffer.readerIndex else { return nil }
        return buffer.readSlice(length: end - buffer.readerIndex)
    }
}

extension ByteBuffer {
    /// Reads the next frame of a batch (`FrameBatchDecoder` passes whole frames only).
    mutating func readFrame() -> ByteBuffer? {
        guard let length = getInteger(at: readerIndex, endianness: .big, as: UInt32.self),
              readableBytes - 4 >= Int(length) else { return nil }
        moveReaderIndex(forwardBy: 4)
        return readSlice(length: Int(length))
    }

    /// How many whole frames the readable bytes hold.
    var wholeFrameCount: Int {
        var count = 0
        var offset = readerIndex
        while let length = getInteger(at: offset, endianness: .big, as: UInt32.self), writerIndex - (offset + 4) >= Int(length) {
            offset += 4 + Int(length)
            count += 1
        }
        return count
    }
}
