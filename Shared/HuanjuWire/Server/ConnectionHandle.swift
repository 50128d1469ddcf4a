import NIOCore

/// A thread-safe way back from a call's task to the connection that received it.
struct ConnectionHandle: Sendable {
    let handler: NIOLoopBound<CallHandler>
    let core: ServerCore

    /// Writes the response and waits until it is handed to the socket (or the connection is gone).
    func respond(_ response: RPCV1.Response, to context: CallContext) async {
        let handler = self.handler
        let written = handler.eventLoop.flatSubmit {
            handler.value.writeAndFlush(response, for: context)
        }
        try? await written.get()
    }

    /// Frees the call's slot so the next queued call can start.
    func callFinished() {
        let handler = self.handler
        handler.eventLoop.execute { handler.value.callFinished() }
    }

    func failure(of context: CallContext, _ error: any Error) -> RPCV1.Response {
        RPCV1.Response.failure(of: context, error, logger: core.logger)
    }
}
