import HuanjuDomain
import HuanjuWire

/// `huanju.session.v1.ViewerRequest`: Join, Heartbeat and Leave.
public struct ViewerRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.ViewerRequest"
    public var broadcastId: String
    public var viewerId: String

    public init(broadcastId: String, viewerId: String) {
        self.broadcastId = broadcastId
        self.viewerId = viewerId
    }
}

/// `huanju.session.v1.ViewerResponse`.
public struct ViewerResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.ViewerResponse"
    public var presentViewers: UInt32
    public var viewerLimit: UInt32
    /// Send a heartbeat before this (zero after Leave).
    public var leaseExpiresAtMs: Instant

    public init(presentViewers: UInt32, viewerLimit: UInt32, leaseExpiresAtMs: Instant) {
        self.presentViewers = presentViewers
        self.viewerLimit = viewerLimit
        self.leaseExpiresAtMs = leaseExpiresAtMs
    }
}
