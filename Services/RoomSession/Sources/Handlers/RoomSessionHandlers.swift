import HuanjuAPI
import HuanjuRuntime
import HuanjuWire

/// `huanju.session.v1.RoomSession` on the wire: each method reads its request, asks the
/// `RoomSessionCore`, and answers in the generated types (conversions in `*+Wire.swift`).
/// Join, Heartbeat and Leave (`RoomSessionHandlers+Viewers.swift`) run on the event loop that
/// read the call; the others await activation or the database.
///
/// The router checks access and required metadata from proto/ before a handler runs
/// (StartBroadcast and ListBroadcasts need `account-id`); the hosted methods read
/// `account-id` when sent.
struct RoomSessionHandlers: SessionV1.RoomSessionService.Handler {
    /// The service's rules and state.
    let core: RoomSessionCore

    func startBroadcast(_ request: SessionV1.StartBroadcastRequest, context: CallContext) async throws
        -> SessionV1.StartBroadcastResponse {
        let started = try await core.startBroadcast(
            code: request.code, deviceID: request.deviceID, wechatOpenid: request.wechatOpenid, title: request.title,
            accountID: try context.requireAccountID(), caller: context)
        return SessionV1.StartBroadcastResponse(started)
    }

    func startTrialBroadcast(_ request: SessionV1.StartTrialBroadcastRequest, context _: CallContext) async throws
        -> SessionV1.StartBroadcastResponse {
        let started = try await core.startTrial(
            deviceID: request.deviceID, wechatOpenid: request.wechatOpenid, title: request.title)
        return SessionV1.StartBroadcastResponse(started)
    }

    func endBroadcast(_ request: SessionV1.HostedBroadcastRequest, context: CallContext) async throws -> SessionV1.Broadcast {
        SessionV1.Broadcast(
            try await core.endBroadcast(request.broadcastID, hostToken: request.hostToken, accountID: context.accountID))
    }

    func getBroadcast(_ request: SessionV1.HostedBroadcastRequest, context: CallContext) async throws -> SessionV1.Broadcast {
        SessionV1.Broadcast(
            try await core.broadcast(request.broadcastID, hostToken: request.hostToken, accountID: context.accountID))
    }

    func listBroadcasts(_ request: SessionV1.ListBroadcastsRequest, context: CallContext) async throws
        -> SessionV1.ListBroadcastsResponse {
        let page = try await core.broadcasts(
            ofAccount: try context.requireAccountID(),
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return SessionV1.ListBroadcastsResponse(
            broadcasts: page.items.map(SessionV1.Broadcast.init), nextPageToken: page.nextPageToken)
    }

    func getRadar(_ request: SessionV1.RadarRequest, context: CallContext) async throws -> SessionV1.RadarResponse {
        let page = try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken)
        return SessionV1.RadarResponse(
            try await core.radar(request.broadcastID, hostToken: request.hostToken, accountID: context.accountID, page: page))
    }
}
