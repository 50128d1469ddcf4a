/// Reads the call id and status of a `huanju.rpc.v1.Response` body without decoding the rest:
/// the generator's side of the wire must cost far less than the server's. `SessionDialect`
/// checks it against the generated `RPCV1.Response` decoding when it is made.
enum ResponseScanner {
    /// The call id (field 1), status (field 2) and, when the status is not OK, the message
    /// (field 3) of one response body. Other fields are skipped.
    static func scan(_ body: UnsafeRawBufferPointer) throws -> RawResponse {
        var position = 0
        var response = RawResponse(callID: 0, code: 0, message: nil)
        var message: Range<Int>?
        while position < body.count {
            guard let key = ProtobufVarint.read(body, at: &position) else { throw truncated }
            switch key & 7 {
            case 0:
                guard let value = ProtobufVarint.read(body, at: &position) else { throw truncated }
                if key >> 3 == 1 { response.callID = value }
                if key >> 3 == 2 { response.code = Int64(truncatingIfNeeded: value) }
            case 2:
                guard let length = ProtobufVarint.read(body, at: &position), length <= body.count - position else {
                    throw truncated
                }
                if key >> 3 == 3 { message = position..<(position + Int(length)) }
                position += Int(length)
            default:
                throw LoadGenError(description: "a huanju.rpc.v1.Response field has wire type \(key & 7), which it never uses")
            }
        }
        if response.code != 0, let message {
            response.message = String(decoding: UnsafeRawBufferPointer(rebasing: body[message]), as: UTF8.self)
        }
        return response
    }

    private static var truncated: LoadGenError {
        LoadGenError(description: "a huanju.rpc.v1.Response frame ends inside a field")
    }
}
