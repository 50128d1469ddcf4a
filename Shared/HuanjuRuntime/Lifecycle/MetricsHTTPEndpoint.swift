import HuanjuWire
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// An opt-in `GET /metrics` over HTTP on a loopback address, for a Prometheus scraper. Each
/// scrape asks the service's own operator socket (`huanju.metrics.v1.Metrics/Get`), so the
/// figures are exactly what `huanjuctl stats` shows.
public struct MetricsHTTPEndpoint: Service {
    let host: String
    let port: Int
    let source: RPCClient
    let logger: Logger

    /// Parses `HOST:PORT` (or `[::1]:PORT`); only loopback hosts are accepted.
    public init(address: String, source: RPCClient, logger: Logger) throws {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
            throw MetricsAddressError("metrics address '\(address)' is not HOST:PORT, e.g. 127.0.0.1:9464")
        }
        let host = address[..<colon].trimmingCharacters(in: ["[", "]"])
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw MetricsAddressError("metrics address '\(address)' is not loopback: use 127.0.0.1, ::1 or localhost")
        }
        self.host = host
        self.port = port
        self.source = source
        self.logger = logger
    }

    public func run() async throws {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        logger.info("metrics served over HTTP", metadata: ["metrics.address": "http://\(host):\(port)/metrics"])
        try await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                try await listener.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { try? await serve(connection) }
                    }
                }
            }
        }
    }

    /// Answers each request on one connection: `GET /metrics` with the Prometheus text, else 404.
    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async throws {
        try await connection.executeThenClose { requests, responses in
            var path = ""
            for try await part in requests {
                switch part {
                case .head(let head): path = head.uri
                case .body: continue
                case .end:
                    let (status, body) = await answer(path)
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: "text/plain; version=0.0.4")
                    headers.add(name: "Content-Length", value: "\(body.utf8.count)")
                    try await responses.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
                    try await responses.write(.body(.byteBuffer(ByteBuffer(string: body))))
                    try await responses.write(.end(nil))
                }
            }
        }
    }

    private func answer(_ path: String) async -> (HTTPResponseStatus, String) {
        guard path == "/metrics" else { return (.notFound, "only /metrics is served here\n") }
        do {
            let metrics = try await MetricsV1.MetricsService.Client(source).get()
            return (.ok, metrics.prometheusText)
        } catch {
            return (.serviceUnavailable, "\(error)\n")
        }
    }
}

/// The metrics address is malformed or not loopback.
public struct MetricsAddressError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

