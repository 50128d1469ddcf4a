import Logging

extension RPCV1.Response {
    /// The response for a handler that threw: its wire status and message. Errors that map
    /// to no status are logged here (the caller sees only UNKNOWN).
    static func failure(of context: CallContext, _ error: any Error, logger: Logger) -> RPCV1.Response {
        let rpcError = RPCError(mapping: error)
        if rpcError.code == .unknown, !(error is RPCError) {
            logger.error("unhandled error in \(context.method)", metadata: [
                "rpc.call_id": "\(context.callID)", "error": "\(String(reflecting: error))",
            ])
        }
        return RPCV1.Response(callID: context.callID, status: rpcError.code, message: rpcError.message)
    }
}
