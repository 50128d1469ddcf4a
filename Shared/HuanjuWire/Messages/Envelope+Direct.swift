import CProtobufC
import HuanjuProtoC
import NIOCore

// The envelope is read and written on every call, so the server handles it straight through
// protobuf-c's generated struct instead of the generic Codable bridge. Both paths produce
// the same bytes and values (checked against the golden vectors).

extension RequestEnvelope {
    /// Decodes a `huanju.rpc.v1.Request` directly from protobuf-c's struct.
    static func decodeDirect(_ bytes: UnsafeRawBufferPointer) throws -> RequestEnvelope {
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let unpacked = huanju__rpc__v1__request__unpack(nil, bytes.count, data) else {
            throw WireCodingError.undecodable(protoName)
        }
        defer { huanju__rpc__v1__request__free_unpacked(unpacked, nil) }
        let request = unpacked.pointee
        var metadata: [MetadataEntry] = []
        if request.n_metadata > 0 {
            metadata.reserveCapacity(request.n_metadata)
            for index in 0..<request.n_metadata {
                guard let entry = request.metadata[index]?.pointee else { continue }
                metadata.append(MetadataEntry(key: try string(entry.key, field: "metadata.key"),
                                              value: try string(entry.value, field: "metadata.value")))
            }
        }
        let payload = request.payload.len > 0 && request.payload.data != nil
            ? Array(UnsafeBufferPointer(start: request.payload.data, count: request.payload.len)) : []
        return RequestEnvelope(callId: request.call_id, method: try string(request.method, field: "method"),
                               deadlineMs: request.deadline_ms, metadata: metadata, payload: payload)
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?, field: String) throws -> String {
        guard let pointer else { return "" }
        guard let string = String(validatingCString: pointer) else { throw WireCodingError.invalidUTF8(field: field) }
        return string
    }
}

extension ResponseEnvelope {
    /// Appends this response as one frame (4-byte length, then the encoded
    /// `huanju.rpc.v1.Response`) to `buffer`, encoding straight into it.
    func writeFrame(into buffer: inout ByteBuffer) {
        var response = Huanju__Rpc__V1__Response()
        huanju__rpc__v1__response__init(&response)
        response.call_id = callId
        response.status = Huanju__Rpc__V1__StatusCode(rawValue: .init(status.rawValue))
        message.utf8CString.withUnsafeBufferPointer { text in
            payload.withUnsafeBufferPointer { body in
                response.message = UnsafeMutablePointer(mutating: text.baseAddress)
                response.payload = ProtobufCBinaryData(len: body.count, data: UnsafeMutablePointer(mutating: body.baseAddress))
                let size = huanju__rpc__v1__response__get_packed_size(&response)
                buffer.reserveCapacity(minimumWritableBytes: 4 + size)
                buffer.writeInteger(UInt32(size), endianness: .big)
                guard size > 0 else { return } // an all-default response is an empty message
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { out in
                    guard let base = out.baseAddress else { return 0 }
                    return huanju__rpc__v1__response__pack(&response, base.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
    }
}
