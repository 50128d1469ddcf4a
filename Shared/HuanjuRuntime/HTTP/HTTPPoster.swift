import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends one HTTP/1.1 POST on a connection of its own (plain TCP, `Connection: close`) and
/// reports how the server answered: the status of its response head, or why there was none.
/// What activation's webhooks send events with.
///
/// Built on SwiftNIO's own HTTP/1.1 codec (`NIOHTTP1`: `HTTPRequestEncoder` and
/// `HTTPResponseDecoder` through `addHTTPClientHandlers()`), which the services already link:
/// no TLS, so `http://` only (README "Webhooks" says why and how HTTPS endpoints are reached).
/// Names are resolved by NIO off the event loop (`getaddrinfo` on its own queue), IPv4 and
/// IPv6 tried as Happy Eyeballs does.
///
/// The whole exchange — connecting, sending, waiting for the response head — has one limit,
/// `timeout`; past it the connection is closed and the attempt is `.failed`. The response
/// body is not read: the status decides. Cancelling the calling task closes the connection
/// and throws `CancellationError`; nothing else throws.
public struct HTTPPoster: Sendable {
    /// A POST to send.
    public struct Request: Sendable {
        /// The server's host name or IP address (an IPv6 address without brackets).
        public var host: String
        public var port: Int
        /// The request target in origin form: the path and query, e.g. `/hooks?k=1`.
        public var target: String
        /// Headers besides `Host`, `Content-Length` and `Connection`, which the poster sets.
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(host: String, port: Int, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.host = host
            self.port = port
            self.target = target
            self.headers = headers
            self.body = body
        }
    }

    /// How a POST went.
    public enum Outcome: Sendable, Equatable {
        /// The server answered with this status (a final one: 1xx heads are skipped).
        case answered(status: Int, reason: String)
        /// There was no answer: what went wrong, in words (cannot connect, closed, timed out).
        case failed(String)

        /// Whether the server accepted the request: it answered 2xx.
        public var isSuccess: Bool {
            if case .answered(let status, _) = self { return (200...299).contains(status) }
            return false
        }

        /// The HTTP status, if the server answered.
        public var status: Int? {
            if case .answered(let status, _) = self { return status }
            return nil
        }

        /// Why the request did not succeed, in words (nil on a 2xx answer).
        public var failure: String? {
            switch self {
            case .answered(let status, _) where (200...299).contains(status): nil
            case .answered(let status, let reason): "HTTP \(status)\(reason.isEmpty ? "" : " \(reason)")"
            case .failed(let reason): reason
            }
        }
    }

    let group: any EventLoopGroup
    /// The limit on one whole exchange.
    public let timeout: Duration

    /// A poster on `group`'s event loops (a service passes its own), with one limit per exchange.
    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: Duration = .seconds(10)) {
        self.group = group
        self.timeout = timeout
    }

    /// Sends `request` and waits for the response head, at most `limit` (default: `timeout`).
    ///
    /// - Throws: `CancellationError` only, when the calling task is cancelled (the connection
    ///   is closed first).
    public func post(_ request: Request, timeout limit: Duration? = nil) async throws -> Outcome {
        let timeout = limit ?? self.timeout
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let endpoint = "\(request.host.contains(":") ? "[\(request.host)]" : request.host):\(request.port)"
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(timeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: request.host, port: request.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            try Task.checkCancellation()
            return .failed("cannot connect to \(endpoint): \(Self.describe(connectError: error, timeout: timeout))")
        }
        if Task.isCancelled {
            // A wrapped channel must be closed through `executeThenClose` (NIOAsyncChannel traps
            // when its writer is dropped unfinished).
            try? await channel.executeThenClose { _, _ in }
            throw CancellationError()
        }

        let timedOut = Atomic<Bool>(false)
        let raw = channel.channel
        let timer = raw.eventLoop.scheduleTask(deadline: deadline) {
            timedOut.store(true, ordering: .relaxed)
            raw.close(promise: nil)
        }
        defer { timer.cancel() }

        var headers = HTTPHeaders()
        headers.add(name: "Host", value: request.port == 80 ? Self.hostHeader(request.host) : "\(Self.hostHeader(request.host)):\(request.port)")
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        headers.add(name: "Content-Length", value: "\(request.body.count)")
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: request.target, headers: headers)
        let body = ByteBuffer(bytes: request.body)

        let outcome: Outcome
        do {
            outcome = try await withTaskCancellationHandler {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(.head(head))
                    try await outbound.write(.body(.byteBuffer(body)))
                    try await outbound.write(.end(nil))
                    for try await part in inbound {
                        guard case .head(let response) = part, response.status.code >= 200 else { continue }
                        return .answered(status: Int(response.status.code), reason: response.status.reasonPhrase)
                    }
                    return .failed("\(endpoint) closed the connection without answering")
                }
            } onCancel: {
                raw.close(promise: nil)
            }
        } catch {
            try Task.checkCancellation()
            if timedOut.load(ordering: .relaxed) {
                return .failed("\(endpoint) did not answer within \(Self.seconds(timeout))")
            }
            return .failed("\(endpoint) broke the exchange: \(Self.describe(error))")
        }
        try Task.checkCancellation()
        if case .failed = outcome, timedOut.load(ordering: .relaxed) {
            return .failed("\(endpoint) did not answer within \(Self.seconds(timeout))")
        }
        return outcome
    }

    /// The Host header's form of a host (an IPv6 address in brackets).
    private static func hostHeader(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }

    /// A connection failure in words: refused, timed out, a name that does not resolve.
    private static func describe(connectError error: any Error, timeout: Duration) -> String {
        switch error {
        case ChannelError.connectTimeout:
            return "no connection within \(seconds(timeout))"
        case let error as NIOConnectionError:
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return "the host name does not resolve"
            }
            if let first = error.connectionErrors.first { return describe(first.error) }
            return "the host name has no address"
        default:
            return describe(error)
        }
    }

    /// A socket error by its errno's text ("Connection refused"), anything else as it describes itself.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            return "\(String(cString: strerror(error.errnoCode))) (errno \(error.errnoCode))"
        }
        if case ChannelError.connectTimeout = error { return "no connection in time" }
        return "\(error)"
    }
}
