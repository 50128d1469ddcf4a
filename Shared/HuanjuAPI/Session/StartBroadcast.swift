import HuanjuWire

/// `huanju.session.v1.StartBroadcastRequest`: a paid broadcast with a bound code.
public struct StartBroadcastRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.StartBroadcastRequest"
    public var code: String
    public var deviceId: String
    public var wechatOpenid: String
    public var title: String

    public init(code: String, deviceId: String, wechatOpenid: String, title: String = "") {
        self.code = code
        self.deviceId = deviceId
        self.wechatOpenid = wechatOpenid
        self.title = title
    }
}

/// `huanju.session.v1.StartTrialBroadcastRequest`: a free trial broadcast.
public struct StartTrialBroadcastRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.StartTrialBroadcastRequest"
    public var deviceId: String
    public var wechatOpenid: String
    public var title: String

    public init(deviceId: String, wechatOpenid: String, title: String = "") {
        self.deviceId = deviceId
        self.wechatOpenid = wechatOpenid
        self.title = title
    }
}

/// `huanju.session.v1.StartBroadcastResponse`.
public struct StartBroadcastResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.StartBroadcastResponse"
    public var broadcast: BroadcastMessage?
    /// Proves being the host: ending the broadcast and reading its radar.
    public var hostToken: String

    public init(broadcast: BroadcastMessage?, hostToken: String) {
        self.broadcast = broadcast
        self.hostToken = hostToken
    }
}

/// `huanju.session.v1.HostedBroadcastRequest`: a broadcast the caller hosts (host token, or
/// the caller's account for its own codes' broadcasts).
public struct HostedBroadcastRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.HostedBroadcastRequest"
    public var broadcastId: String
    public var hostToken: String

    public init(broadcastId: String, hostToken: String = "") {
        self.broadcastId = broadcastId
        self.hostToken = hostToken
    }
}

/// `huanju.session.v1.ListBroadcastsRequest`.
public struct ListBroadcastsRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.ListBroadcastsRequest"
    public var pageSize: UInt32
    public var pageToken: String

    public init(pageSize: UInt32 = 0, pageToken: String = "") {
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.session.v1.ListBroadcastsResponse`.
public struct ListBroadcastsResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.ListBroadcastsResponse"
    public var broadcasts: [BroadcastMessage]
    public var nextPageToken: String

    public init(broadcasts: [BroadcastMessage], nextPageToken: String = "") {
        self.broadcasts = broadcasts
        self.nextPageToken = nextPageToken
    }
}
