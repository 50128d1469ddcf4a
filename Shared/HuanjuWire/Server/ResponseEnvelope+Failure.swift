import Logging

extension ResponseEnvelope {
    /// The response for a handler that threw: its wire status and message. Errors that map
    /// to no status are logged here (the caller sees only UNKNOWN).
    static func failure(of context: CallContext, _ error: any Error, logger: Logger) -> ResponseEnvelope {
        let rpcError = RPCError(mapping: error)
        if rpcError.code == .unknown, !(error is RPCError) {
            logger.error("unhandled error in \(context.method)", metadata: [
                "rpc.call_id": "\(context.callId)", "error": "\(String(reflecting: error))",
            ])
        }
        return ResponseEnvelope(callId: context.callId, status: rpcError.code, message: rpcError.message)
    }
}
