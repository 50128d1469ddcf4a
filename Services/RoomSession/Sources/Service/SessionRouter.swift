import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// Puts a `SessionCore` on the wire: `huanju.session.v1.RoomSession`'s methods, then health
/// and the method list.
///
/// Join, Heartbeat and Leave run on the event loop that read the call (`registerOnEventLoop`);
/// the others, which await activation or the database, run as tasks.
public enum SessionRouter {
    /// The router of the room-session service.
    public static func make(core: SessionCore, health: HealthStatus) -> Router {
        var router = Router(serviceName: "room-session")
        let account = [MetadataKey.accountID]
        router.register(SessionMethods.startBroadcast, requires: account) { (request: StartBroadcastRequest, context) in
            try await core.startBroadcast(request, accountID: try context.requireAccountID())
        }
        router.register(SessionMethods.startTrialBroadcast) { (request: StartTrialBroadcastRequest, _) in
            try await core.startTrial(request)
        }
        router.register(SessionMethods.endBroadcast) { (request: HostedBroadcastRequest, context) in
            try await core.endBroadcast(request, accountID: context.accountID)
        }
        router.register(SessionMethods.getBroadcast) { (request: HostedBroadcastRequest, context) in
            try await core.getBroadcast(request, accountID: context.accountID)
        }
        router.register(SessionMethods.listBroadcasts, requires: account) { (request: ListBroadcastsRequest, context) in
            try await core.listBroadcasts(request, accountID: try context.requireAccountID())
        }
        router.register(SessionMethods.getRadar) { (request: RadarRequest, context) in
            try await core.radar(request, accountID: context.accountID)
        }
        router.registerOnEventLoop(SessionMethods.join) { (request: ViewerRequest, _) in try core.join(request) }
        router.registerOnEventLoop(SessionMethods.heartbeat) { (request: ViewerRequest, _) in try core.heartbeat(request) }
        router.registerOnEventLoop(SessionMethods.leave) { (request: ViewerRequest, _) in try core.leave(request) }
        router.addStandardServices(health: health, serviceNames: [SessionMethods.service], gauges: { core.gauges() })
        return router
    }
}
