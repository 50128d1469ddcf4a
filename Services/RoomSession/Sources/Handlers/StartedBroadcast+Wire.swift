import HuanjuAPI

extension SessionV1.StartBroadcastResponse {
    /// The wire form of a broadcast that just started, with its host token.
    init(_ started: StartedBroadcast) {
        self.init(broadcast: SessionV1.Broadcast(started.broadcast), hostToken: started.hostToken)
    }
}
