import HuanjuWire
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A webhook endpoint for tests: an HTTP/1.1 server on a loopback port the kernel chose, which
/// records every request it reads and answers each as told at that moment (`behave(_:)`):
/// with a status (200, 503…), by closing the connection without an answer, or not at all
/// (it holds the connection until the sender gives up).
///
/// Run it with `WebhookReceiver.with { receiver in … }`, which stops it afterwards.
public final class WebhookReceiver: Sendable {
    /// How the receiver answers the next requests.
    public enum Behaviour: Sendable, Equatable {
        /// Answer with this status (and a short text body).
        case answer(Int)
        /// Close the connection as soon as the request was read, without an answer.
        case closeWithoutAnswer
        /// Never answer (the connection stays open until the sender closes it).
        case hang
    }

    /// One request as read, with what the receiver did with it.
    public struct Received: Sendable {
        public let method: String
        /// The request target as sent: path and query.
        public let target: String
        /// Header names lower-cased; the first of a repeated header.
        public let headers: [String: String]
        public let body: [UInt8]
        /// The status answered; nil when it closed without an answer or never answered.
        public let answeredStatus: Int?

        /// The body as text.
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// Whether it was answered 2xx (the sender may count it delivered).
        public var acknowledged: Bool { answeredStatus.map { (200...299).contains($0) } ?? false }
    }

    /// The port it listens on, at 127.0.0.1.
    public let port: Int
    private let behaviour: Mutex<Behaviour>
    private let log = Mutex<[Received]>([])

    private init(port: Int, behaviour: Behaviour) {
        self.port = port
        self.behaviour = Mutex(behaviour)
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String = "/hooks") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// How to answer from now on.
    public func behave(_ behaviour: Behaviour) {
        self.behaviour.withLock { $0 = behaviour }
    }

    /// Every request read so far, in the order they were read.
    public var received: [Received] { log.withLock { $0 } }

    /// The requests answered 2xx, in order.
    public var acknowledged: [Received] { received.filter(\.acknowledged) }

    /// Waits until `condition` holds for the requests read so far (checked every 20 ms), up to
    /// `timeout`; returns them.
    @discardableResult
    public func wait(
        for what: String, timeout: Duration = .seconds(60), _ condition: ([Received]) -> Bool
    ) async throws -> [Received] {
        let giveUp = ContinuousClock.now + timeout
        while true {
            let now = received
            if condition(now) { return now }
            guard ContinuousClock.now < giveUp else {
                throw RPCError(.deadlineExceeded, "webhook receiver: gave up waiting for \(what); received \(now.count) requests")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Runs a receiver (answering `behaviour` until told otherwise) for the duration of `body`.
    ///
    /// Each connection is served by a channel handler (`Connection`), not wrapped in an
    /// `NIOAsyncChannel`: a wrapped connection accepted while the receiver stops would be
    /// dropped unfinished, which NIO traps on.
    public static func with<T: Sendable>(
        behaviour: Behaviour = .answer(200), _ body: (WebhookReceiver) async throws -> T
    ) async throws -> T {
        let receiver = Box()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Connection(receiver: receiver.value))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = listener.localAddress?.port else {
            try? await listener.close()
            throw RPCError(.internal, "webhook receiver: the listening socket has no port")
        }
        let webhookReceiver = WebhookReceiver(port: port, behaviour: behaviour)
        receiver.value = webhookReceiver
        do {
            let result = try await body(webhookReceiver)
            try? await listener.close()
            return result
        } catch {
            try? await listener.close()
            throw error
        }
    }

    /// The receiver, set once it exists (before any connection can be accepted on its port).
    private final class Box: Sendable {
        private let lock = Mutex<WebhookReceiver?>(nil)
        var value: WebhookReceiver? {
            get { lock.withLock { $0 } }
            set { lock.withLock { $0 = newValue } }
        }
    }

    /// Records each request of one connection and answers it as the receiver is told.
    private final class Connection: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let receiver: WebhookReceiver?
        private var head: HTTPRequestHead?
        private var body: [UInt8] = []

        init(receiver: WebhookReceiver?) {
            self.receiver = receiver
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let requestHead):
                head = requestHead
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let requestHead = head, let receiver else { return }
                head = nil
                let behaviour = receiver.behaviour.withLock { $0 }
                receiver.record(requestHead, body: body, behaviour: behaviour)
                switch behaviour {
                case .answer(let code):
                    let text = ByteBuffer(string: "test receiver says \(code)\n")
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: "text/plain")
                    headers.add(name: "Content-Length", value: "\(text.readableBytes)")
                    headers.add(name: "Connection", value: "close")
                    context.write(wrapOutboundOut(.head(HTTPResponseHead(
                        version: .http1_1, status: HTTPResponseStatus(statusCode: code), headers: headers))), promise: nil)
                    context.write(wrapOutboundOut(.body(.byteBuffer(text))), promise: nil)
                    let channel = context.channel
                    context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
                case .closeWithoutAnswer:
                    context.close(promise: nil)
                case .hang:
                    break
                }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// Logs one request read, with the status it is answered (nil: none).
    private func record(_ head: HTTPRequestHead, body: [UInt8], behaviour: Behaviour) {
        var headers: [String: String] = [:]
        for (name, value) in head.headers where headers[name.lowercased()] == nil {
            headers[name.lowercased()] = value
        }
        var status: Int?
        if case .answer(let code) = behaviour { status = code }
        log.withLock {
            $0.append(Received(
                method: head.method.rawValue, target: head.uri, headers: headers, body: body, answeredStatus: status))
        }
    }
}
