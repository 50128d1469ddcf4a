import HuanjuAPI
import HuanjuRuntime
import HuanjuWire

/// The router of the room-session service: `huanju.session.v1.RoomSession`'s methods as proto/
/// declares them (access, metadata, and where each runs: Join, Heartbeat and Leave on the
/// event loop), answered by `RoomSessionHandlers` over `core`; then health, the method list
/// and the metrics with the core's gauges.
public func makeRoomSessionRouter(core: RoomSessionCore, health: HealthStatus) -> Router {
    var router = Router(serviceName: "room-session")
    SessionV1.RoomSessionService.register(RoomSessionHandlers(core: core), in: &router)
    router.addStandardServices(
        health: health, serviceNames: [SessionV1.RoomSessionService.name], gauges: { core.gauges() })
    return router
}
