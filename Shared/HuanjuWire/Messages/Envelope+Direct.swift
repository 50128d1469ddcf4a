import CProtobufC
import HuanjuProtoC
import NIOCore

// The envelope is read and written on every call, so the server handles it straight through
// protobuf-c's generated struct instead of the generic Codable bridge. Both paths produce
// the same bytes and values (checked against the golden vectors).

extension RequestEnvelope {
    /// What a request frame holds: a call to route, or a call refused before routing.
    enum Reading {
        case call(RequestEnvelope)
        /// The envelope decodes but breaks proto/'s rules (a NUL in the method name, an
        /// oversized metadata value…): INVALID_ARGUMENT for this call id, the connection stays.
        case refused(callId: UInt64, RPCError)
    }

    /// `huanju.rpc.v1.Request`'s descriptor, for `MessageValidator`.
    private static let envelopeDescriptor: MessageDescriptor = {
        guard let descriptor = MessageDescriptor.named(protoName) else { preconditionFailure("no descriptor for \(protoName)") }
        return descriptor
    }()

    /// Decodes a `huanju.rpc.v1.Request` directly from protobuf-c's struct, after checking its
    /// strings against proto/'s rules on the raw bytes (protobuf-c would end them at a NUL).
    ///
    /// - Throws: `WireCodingError` when the bytes are not an envelope at all.
    static func read(_ bytes: UnsafeRawBufferPointer) throws -> Reading {
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let unpacked = huanju__rpc__v1__request__unpack(nil, bytes.count, data) else {
            throw WireCodingError.undecodable(protoName)
        }
        defer { huanju__rpc__v1__request__free_unpacked(unpacked, nil) }
        let request = unpacked.pointee
        do {
            try MessageValidator.validate(bytes, as: envelopeDescriptor)
        } catch {
            return .refused(callId: request.call_id, RPCError(.invalidArgument, "invalid \(protoName): \(error)"))
        }
        var metadata: [MetadataEntry] = []
        if request.n_metadata > 0 {
            metadata.reserveCapacity(request.n_metadata)
            for index in 0..<request.n_metadata {
                guard let entry = request.metadata[index]?.pointee else { continue }
                metadata.append(MetadataEntry(key: string(entry.key), value: string(entry.value)))
            }
        }
        let payload = request.payload.len > 0 && request.payload.data != nil
            ? Array(UnsafeBufferPointer(start: request.payload.data, count: request.payload.len)) : []
        return .call(RequestEnvelope(callId: request.call_id, method: string(request.method),
                                     deadlineMs: request.deadline_ms, metadata: metadata, payload: payload))
    }

    /// A string the validator accepted (valid UTF-8, no NUL).
    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
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
