import CProtobufC
import HuanjuProtoC
import NIOCore

extension RPCV1.Response {
    /// Appends this response as one frame (4-byte big-endian length, then the encoded
    /// `huanju.rpc.v1.Response`) to `buffer`, packing straight into it from the stack (no copy
    /// of the message or the payload on the way).
    func writeFrame(into buffer: inout ByteBuffer) {
        withProtoC { message in
            let base = UnsafeMutableRawPointer(message).assumingMemoryBound(to: ProtobufCMessage.self)
            let size = protobuf_c_message_get_packed_size(base)
            buffer.reserveCapacity(minimumWritableBytes: 4 + size)
            buffer.writeInteger(UInt32(size), endianness: .big)
            guard size > 0 else { return }   // an all-default response is an empty message
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { out in
                guard let start = out.baseAddress else { return 0 }
                return protobuf_c_message_pack(base, start.assumingMemoryBound(to: UInt8.self))
            }
        }
    }
}
