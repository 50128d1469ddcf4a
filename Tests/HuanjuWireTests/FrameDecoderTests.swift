@testable import HuanjuWire
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@Suite struct FrameDecoderTests {
    static func frame(_ body: [UInt8]) -> ByteBuffer {
        ByteBufferAllocator().frame(body)
    }

    @Test func framesDripFedOneByteAtATimeAndWholeDecodeTheSame() throws {
        // Given three frames, one of them empty
        let bodies: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 7, count: 300)]
        var stream = ByteBuffer()
        for body in bodies { stream.writeFrame(body) }
        // When NIO's verifier feeds them whole, byte by byte and in random splits
        // Then the decoder yields exactly those frames
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(stream, bodies.map { ByteBuffer(bytes: $0) })],
            decoderFactory: { FrameDecoder(maxFrameBytes: 1024) })
    }

    @Test func twoFramesInOneReadBecomeTwoMessages() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameBytes: 64)))
        var both = Self.frame([1])
        both.writeFrame([2, 2])
        try channel.writeInbound(both)
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [1]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [2, 2]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
    }

    @Test func aFrameSplitAcrossReadsWaitsForItsLastByte() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameBytes: 64)))
        var whole = Self.frame([9, 8, 7, 6])
        let head = whole.readSlice(length: 5)!
        try channel.writeInbound(head)
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        try channel.writeInbound(whole)
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [9, 8, 7, 6]))
    }

    @Test func aLengthAboveTheMaximumIsRefusedBeforeItsBodyArrives() {
        // Given a header announcing 65 bytes to a decoder allowing 64
        var decoder = FrameDecoder(maxFrameBytes: 64)
        var header = ByteBuffer()
        header.writeInteger(UInt32(65), endianness: .big)
        // Then the header alone is refused
        #expect(throws: FrameTooLarge(length: 65, limit: 64)) { try decoder.nextFrame(from: &header) }
    }

    @Test func aLengthAtTheMaximumIsAccepted() throws {
        var decoder = FrameDecoder(maxFrameBytes: 4)
        var buffer = Self.frame([1, 2, 3, 4])
        #expect(try decoder.nextFrame(from: &buffer) == ByteBuffer(bytes: [1, 2, 3, 4]))
    }
}
