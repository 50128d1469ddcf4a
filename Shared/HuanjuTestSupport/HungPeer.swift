import HuanjuWire
import NIOCore
import NIOPosix
import Synchronization

/// A peer that is there but never answers, as a wedged process looks to its clients: it
/// listens on a Unix socket, accepts, reads every request frame (keeping the requests, so a
/// test can see the deadlines they carried) and writes nothing back.
public final class HungPeer: Sendable {
    public let socketPath: String
    private let listener: any Channel
    private let received: ReceivedRequests

    private init(socketPath: String, listener: any Channel, received: ReceivedRequests) {
        self.socketPath = socketPath
        self.listener = listener
        self.received = received
    }

    /// Listens on `socketPath` (which must not exist yet).
    public static func listen(at socketPath: String) async throws -> HungPeer {
        let received = ReceivedRequests()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(FrameDecoder(maxFrameBytes: 4 * 1024 * 1024)), RecordingHandler(received: received))
                }
            }
            .bind(unixDomainSocketPath: socketPath)
            .get()
        return HungPeer(socketPath: socketPath, listener: listener, received: received)
    }

    /// The requests read so far, in the order they arrived.
    public var requests: [RPCV1.Request] { received.all }

    /// Waits (real time, at most 10 s) until `count` requests have been read.
    public func waitUntilReceived(_ count: Int) async throws {
        let giveUp = ContinuousClock.now + .seconds(10)
        while received.all.count < count {
            guard ContinuousClock.now < giveUp else {
                throw RPCError(.deadlineExceeded, "the hung peer read \(received.all.count) of \(count) requests within 10 s")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Stops listening (accepted connections stay open, unanswered, until their clients close
    /// them).
    public func stop() async {
        try? await listener.close()
    }
}

/// The requests a `HungPeer` read.
private final class ReceivedRequests: Sendable {
    private let requests = Mutex<[RPCV1.Request]>([])

    var all: [RPCV1.Request] { requests.withLock { $0 } }

    func append(_ request: RPCV1.Request) {
        requests.withLock { $0.append(request) }
    }
}

/// Decodes each frame as a request, keeps it, and answers nothing.
private final class RecordingHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let received: ReceivedRequests

    init(received: ReceivedRequests) {
        self.received = received
    }

    func channelRead(context _: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if let request = try? frame.withUnsafeReadableBytes({ try RPCV1.Request(serializedBytes: $0) }) {
            received.append(request)
        }
    }
}
