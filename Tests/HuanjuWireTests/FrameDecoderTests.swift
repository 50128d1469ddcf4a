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

    // MARK: The server's batches

    @Test func theFramesOfOneReadArriveAsOneBatchAndAPartialFrameWaits() throws {
        // Given one read holding two whole frames and the first 2 bytes of a third
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameBatchDecoder(maxFrameBytes: 64)))
        var read = Self.frame([1])
        read.writeFrame([2, 2])
        var third = Self.frame([3, 3, 3])
        read.writeImmutableBuffer(third.readSlice(length: 2)!)
        // When it arrives / Then the two whole frames come as one batch, in order
        try channel.writeInbound(read)
        var batch = try #require(try channel.readInbound(as: ByteBuffer.self))
        #expect(batch.readFrame() == ByteBuffer(bytes: [1]))
        #expect(batch.readFrame() == ByteBuffer(bytes: [2, 2]))
        #expect(batch.readFrame() == nil)
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        // When the rest of the third arrives / Then it is a batch of its own
        try channel.writeInbound(third)
        var last = try #require(try channel.readInbound(as: ByteBuffer.self))
        #expect(last.wholeFrameCount == 1)
        #expect(last.readFrame() == ByteBuffer(bytes: [3, 3, 3]))
    }

    @Test func wholeFramesBeforeAnOversizedHeaderAreDeliveredThenItIsRefused() throws {
        // Given a read with a good frame, then a header announcing 65 bytes to a limit of 64
        let decoder = FrameBatchDecoder(maxFrameBytes: 64)
        var read = Self.frame([7])
        read.writeInteger(UInt32(65), endianness: .big)
        // Then the good frame comes first, and the header alone is refused next
        var batch = try #require(try decoder.nextBatch(from: &read))
        #expect(batch.readFrame() == ByteBuffer(bytes: [7]))
        #expect(throws: FrameTooLarge(length: 65, limit: 64)) { try decoder.nextBatch(from: &read) }
    }

    @Test func batchesCarryExactlyTheFramesOfTheStreamHoweverItIsSplit() throws {
        // Given a stream of frames, one of them empty, cut at every possible point
        let bodies: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 7, count: 300), [9]]
        var stream = ByteBuffer()
        for body in bodies { stream.writeFrame(body) }
        for cut in 0...stream.readableBytes {
            let parts = [stream.getSlice(at: 0, length: cut)!, stream.getSlice(at: cut, length: stream.readableBytes - cut)!]
            var cumulation = ByteBuffer()
            var seen: [[UInt8]] = []
            for part in parts {
                cumulation.writeImmutableBuffer(part)
                while var batch = try FrameBatchDecoder(maxFrameBytes: 1024).nextBatch(from: &cumulation) {
                    while let frame = batch.readFrame() { seen.append(Array(frame.readableBytesView)) }
                }
            }
            // Then the frames come out whole, in order, wherever the cut fell
            #expect(seen == bodies, "cut at \(cut)")
        }
    }
}
