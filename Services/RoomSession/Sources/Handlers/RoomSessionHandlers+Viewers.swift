import HuanjuAPI
import HuanjuWire

extension RoomSessionHandlers {
    // The viewer path: synchronous, on the event loop that read the call, straight into the
    // engine (no await, no database, no hop between threads); refusals are the engine's
    // `DomainError`s, which the router maps to their status.

    func join(_ request: SessionV1.ViewerRequest, context _: CallContext) throws -> SessionV1.ViewerResponse {
        SessionV1.ViewerResponse(try core.join(request.broadcastID, viewer: request.viewerID))
    }

    func heartbeat(_ request: SessionV1.ViewerRequest, context _: CallContext) throws -> SessionV1.ViewerResponse {
        SessionV1.ViewerResponse(try core.heartbeat(request.broadcastID, viewer: request.viewerID))
    }

    func leave(_ request: SessionV1.ViewerRequest, context _: CallContext) throws -> SessionV1.ViewerResponse {
        SessionV1.ViewerResponse(try core.leave(request.broadcastID, viewer: request.viewerID))
    }
}
