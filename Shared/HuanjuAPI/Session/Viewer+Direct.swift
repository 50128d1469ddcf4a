import CProtobufC
import HuanjuDomain
import HuanjuProtoC
import HuanjuWire

// Join, Heartbeat and Leave are the calls that arrive at the rate of a crowd, so their
// messages go straight through protobuf-c's generated structs rather than the generic
// Codable bridge (`HuanjuAPITests` checks both give the same bytes and values).

extension ViewerRequest {
    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws {
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let unpacked = huanju__session__v1__viewer_request__unpack(nil, bytes.count, data) else {
            throw RPCError(.invalidArgument, "the bytes are not a valid \(Self.protoName) message")
        }
        defer { huanju__session__v1__viewer_request__free_unpacked(unpacked, nil) }
        self.init(broadcastId: try Self.text(unpacked.pointee.broadcast_id, field: "broadcast_id"),
                  viewerId: try Self.text(unpacked.pointee.viewer_id, field: "viewer_id"))
    }

    public func serializedBytes() throws -> [UInt8] {
        var request = Huanju__Session__V1__ViewerRequest()
        huanju__session__v1__viewer_request__init(&request)
        return broadcastId.utf8CString.withUnsafeBufferPointer { broadcast in
            viewerId.utf8CString.withUnsafeBufferPointer { viewer in
                request.broadcast_id = UnsafeMutablePointer(mutating: broadcast.baseAddress)
                request.viewer_id = UnsafeMutablePointer(mutating: viewer.baseAddress)
                let size = huanju__session__v1__viewer_request__get_packed_size(&request)
                return [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
                    count = huanju__session__v1__viewer_request__pack(&request, buffer.baseAddress)
                }
            }
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?, field: String) throws -> String {
        guard let pointer else { return "" }
        guard let text = String(validatingCString: pointer) else {
            throw RPCError(.invalidArgument, "field \(field) of \(protoName) is not valid UTF-8")
        }
        return text
    }
}

extension ViewerResponse {
    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws {
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let unpacked = huanju__session__v1__viewer_response__unpack(nil, bytes.count, data) else {
            throw RPCError(.invalidArgument, "the bytes are not a valid \(Self.protoName) message")
        }
        defer { huanju__session__v1__viewer_response__free_unpacked(unpacked, nil) }
        let response = unpacked.pointee
        self.init(presentViewers: response.present_viewers, viewerLimit: response.viewer_limit,
                  leaseExpiresAtMs: Instant(unixMilliseconds: response.lease_expires_at_ms))
    }

    public func serializedBytes() throws -> [UInt8] {
        var response = Huanju__Session__V1__ViewerResponse()
        huanju__session__v1__viewer_response__init(&response)
        response.present_viewers = presentViewers
        response.viewer_limit = viewerLimit
        response.lease_expires_at_ms = leaseExpiresAtMs.unixMilliseconds
        let size = huanju__session__v1__viewer_response__get_packed_size(&response)
        return [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            count = huanju__session__v1__viewer_response__pack(&response, buffer.baseAddress)
        }
    }
}
