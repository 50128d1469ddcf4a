import HuanjuAPI
import HuanjuWire
import NIOCore

/// The room-session service's protocol: 4-byte big-endian length, then a `huanju.rpc.v1.Request`
/// holding a `huanju.session.v1.ViewerRequest`.
///
/// Every byte of a request except the call id is encoded once, at start-up, by the generated
/// types (`RPCV1.Request`, `SessionV1.ViewerRequest`): per method, the envelope's `method` and
/// `deadline_ms` fields; per viewer, the `payload` field. A call then writes the length, the call
/// id (field 1, a varint) and copies those two parts: protobuf-c writes fields in number order
/// (1, 2, 3, 5), so the result is byte for byte the generated `RPCV1.Request`'s encoding, which
/// `init` checks. Responses are read by `ResponseScanner`, also checked against the generated
/// `RPCV1.Response`.
struct SessionDialect: WireDialect {
    static let matchesByCallId = true
    /// What each request says it waits for.
    static let deadlineMs: UInt64 = 5_000

    private let methodFields: [[UInt8]]
    private let payloadFields: FlatBytes

    /// Requests for `population`'s viewers in the rooms `broadcastIDs` (one per room).
    init(population: Population, broadcastIDs: [String]) throws {
        precondition(broadcastIDs.count == population.rooms, "one broadcast id per room")
        methodFields = CallKind.allCases.map { kind in
            RPCV1.Request(callID: 0, method: Self.method(kind), deadlineMs: Self.deadlineMs).serializedBytes()
        }
        var payloads = FlatBytes()
        for viewer in 0..<population.viewers {
            let request = SessionV1.ViewerRequest(
                broadcastID: broadcastIDs[population.room(of: viewer)], viewerID: population.viewerIDString(viewer))
            let payload = request.serializedBytes()
            var field: [UInt8] = [0x2A] // field 5 (payload), length-delimited
            ProtobufVarint.append(UInt64(payload.count), to: &field)
            payloads.append(field + payload)
        }
        payloadFields = payloads
        try checkAgainstGeneratedEncoding(broadcastIDs: broadcastIDs, population: population)
    }

    /// The fully qualified method of `kind`.
    static func method(_ kind: CallKind) -> String {
        switch kind {
        case .join: SessionV1.RoomSessionService.Method.join.name
        case .heartbeat: SessionV1.RoomSessionService.Method.heartbeat.name
        case .leave: SessionV1.RoomSessionService.Method.leave.name
        }
    }

    /// The size of a Join request body (the echo target sends payloads of this size).
    func joinRequestBytes(callID: UInt64) -> Int {
        1 + ProtobufVarint.size(callID) + methodFields[0].count + payloadFields.withBytes(0) { $0.count }
    }

    func encode(_ call: PlannedCall, callID: UInt64, into buffer: inout ByteBuffer) {
        let method = methodFields[Int(call.kind.rawValue)]
        payloadFields.withBytes(call.viewer) { payload in
            buffer.writeInteger(UInt32(1 + ProtobufVarint.size(callID) + method.count + payload.count))
            buffer.writeInteger(UInt8(0x08)) // field 1 (call_id), varint
            ProtobufVarint.write(callID, into: &buffer)
            buffer.writeBytes(method)
            buffer.writeBytes(payload)
        }
    }

    func decode(_ buffer: inout ByteBuffer) throws -> RawResponse? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard length <= 16 << 20 else { throw LoadGenError(description: "a response frame announces \(length) bytes") }
        guard buffer.readableBytes >= 4 + Int(length) else { return nil }
        let response = try buffer.withUnsafeReadableBytes { bytes in
            try ResponseScanner.scan(UnsafeRawBufferPointer(rebasing: bytes[4..<(4 + Int(length))]))
        }
        buffer.moveReaderIndex(forwardBy: 4 + Int(length))
        return response
    }

    func outcome(of response: RawResponse, for kind: CallKind) -> CallOutcome {
        switch (StatusCode(rawValue: Int32(truncatingIfNeeded: response.code)), kind) {
        case (.ok, _): .ok
        case (.resourceExhausted, .join): .refused
        case (.notFound, .heartbeat): .absent
        default: .failed
        }
    }

    /// Checks the hand-assembled requests against the generated `RPCV1.Request` holding a
    /// `SessionV1.ViewerRequest`, and the response scanner against the generated `RPCV1.Response`.
    private func checkAgainstGeneratedEncoding(broadcastIDs: [String], population: Population) throws {
        let viewer = population.viewers - 1
        let callID: UInt64 = 0x1234_5678_9A
        for kind in CallKind.allCases {
            var buffer = ByteBuffer()
            encode(PlannedCall(kind: kind, viewer: viewer), callID: callID, into: &buffer)
            let payload = SessionV1.ViewerRequest(
                broadcastID: broadcastIDs[population.room(of: viewer)], viewerID: population.viewerIDString(viewer)
            ).serializedBytes()
            let expected = RPCV1.Request(
                callID: callID, method: Self.method(kind), deadlineMs: Self.deadlineMs, payload: payload
            ).serializedBytes()
            guard buffer.readInteger(as: UInt32.self) == UInt32(expected.count), Array(buffer.readableBytesView) == expected else {
                throw LoadGenError(description: "the precomputed \(Self.method(kind)) request differs from the protobuf-c encoding")
            }
        }
        let sample = RPCV1.Response(callID: callID, status: .resourceExhausted, message: "room full", payload: [1, 2, 3])
        let scanned = try sample.serializedBytes().withUnsafeBytes { try ResponseScanner.scan($0) }
        guard scanned.callID == sample.callID, scanned.code == Int64(sample.status.rawValue), scanned.message == sample.message else {
            throw LoadGenError(description: "ResponseScanner disagrees with the protobuf-c decoding of \(sample)")
        }
    }
}
