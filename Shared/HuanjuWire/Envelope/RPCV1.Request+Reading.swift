extension RPCV1.Request {
    /// What a request frame holds: a call to route, or a call refused before routing.
    enum Reading {
        case call(RPCV1.Request)
        /// The envelope decodes but breaks proto/'s rules (a NUL in the method name, an
        /// oversized metadata value…): INVALID_ARGUMENT for this call id, the connection stays.
        case refused(callID: UInt64, RPCError)
    }

    /// `huanju.rpc.v1.Request`'s descriptor, for `MessageValidator`.
    private static let envelopeDescriptor: MessageDescriptor = {
        guard let descriptor = MessageDescriptor.named(protoName) else { preconditionFailure("no descriptor for \(protoName)") }
        return descriptor
    }()

    /// Reads a request frame: its strings are checked against proto/'s rules on the raw
    /// bytes first (protobuf-c would end them at a NUL), then it is decoded.
    ///
    /// - Throws: `WireCodingError` when the bytes are not an envelope at all.
    static func read(_ bytes: UnsafeRawBufferPointer) throws -> Reading {
        do {
            try MessageValidator.validate(bytes, as: envelopeDescriptor)
        } catch let violation where !violation.fieldPath.isEmpty {
            // Structurally an envelope: its call id can be read, and the call refused alone.
            let callID = (try? RPCV1.Request(serializedBytes: bytes).callID) ?? 0
            return .refused(callID: callID, RPCError(.invalidArgument, "invalid \(protoName): \(violation)"))
        } catch {
            throw WireCodingError.undecodable(protoName)
        }
        return .call(try RPCV1.Request(serializedBytes: bytes))
    }
}
