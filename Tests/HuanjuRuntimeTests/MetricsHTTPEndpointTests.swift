import Foundation
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Logging
import ServiceLifecycle
import Testing

/// The opt-in HTTP endpoint serves the operator socket's metrics to a Prometheus scraper.
@Suite struct MetricsHTTPEndpointTests {
    @Test func onlyLoopbackAddressesAreAccepted() {
        let client = RPCClient(socketPath: "/tmp/none.sock")
        #expect(throws: MetricsAddressError.self) {
            try MetricsHTTPEndpoint(address: "0.0.0.0:9464", source: client, logger: Logger(label: "t"))
        }
        #expect(throws: MetricsAddressError.self) {
            try MetricsHTTPEndpoint(address: "9464", source: client, logger: Logger(label: "t"))
        }
        #expect(throws: Never.self) {
            try MetricsHTTPEndpoint(address: "[::1]:9464", source: client, logger: Logger(label: "t"))
        }
    }

    @Test func getMetricsReturnsThePrometheusText() async throws {
        let directory = TemporaryDirectory.make()
        var router = Router(serviceName: "svc")
        router.addStandardServices(health: HealthStatus(serving: true), gauges: {
            [Gauge("huanju_live_broadcasts", help: "Live broadcasts.", value: 3)]
        })
        let server = RPCServer(configuration: ServerConfiguration(serviceName: "svc", runtimeDirectory: directory), router: router)
        let port = try freeLoopbackPort()
        let endpoint = try MetricsHTTPEndpoint(
            address: "127.0.0.1:\(port)", source: RPCClient(socketPath: server.configuration.operatorSocketPath),
            logger: Logger(label: "t"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { try await endpoint.run() }
            try await server.waitUntilListening()
            let body = try await fetch("http://127.0.0.1:\(port)/metrics")
            #expect(body.contains("huanju_live_broadcasts{service=\"svc\"} 3"))
            let missing = try await fetch("http://127.0.0.1:\(port)/other")
            #expect(missing.contains("only /metrics"))
            server.beginGracefulShutdown()
            group.cancelAll()
        }
    }

    private func fetch(_ url: String) async throws -> String {
        let giveUp = ContinuousClock.now + .seconds(10)
        while true {
            do {
                let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
                return String(decoding: data, as: UTF8.self)
            } catch where ContinuousClock.now < giveUp {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    private func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
