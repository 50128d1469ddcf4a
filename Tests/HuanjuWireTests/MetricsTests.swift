import HuanjuWire
import Testing

/// Every answered call is counted by method and status, with its latency, and the figures
/// are served in Prometheus text on the operator socket only.
@Suite struct MetricsTests {
    @Test func callsAreCountedByMethodAndStatus() async throws {
        try await TestServer().serving { server in
            let client = server.client()
            // Given two echoes, one unknown method and one refused operator call
            for text in ["a", "b"] {
                let _: ConformanceV1.AllKinds = try await client.call(TestMethods.echo, ConformanceV1.AllKinds(text: text))
            }
            _ = try await client.send(method: "huanju.nothing.v1.Nope/Never", payload: [])
            _ = try await client.send(method: TestMethods.admin.name, payload: [])
            // When an operator reads the metrics
            let admin = RPCClient(socketPath: server.operatorSocket)
            let metrics: MetricsV1.GetMetricsResponse = try await admin.call(MetricsV1.MetricsService.Method.get, MetricsV1.GetMetricsRequest())
            // Then each outcome is counted
            let text = metrics.prometheusText
            #expect(text.contains(#"huanju_rpc_calls_total{service="test",method="huanju.conformance.v1.Conformance/Echo",status="OK"} 2"#))
            #expect(text.contains(#"huanju_rpc_calls_total{service="test",method="unknown",status="UNIMPLEMENTED"} 1"#))
            #expect(text.contains(#"huanju_rpc_calls_total{service="test",method="huanju.testing.v1.Test/Admin",status="PERMISSION_DENIED"} 1"#))
            #expect(text.contains(#"huanju_rpc_latency_seconds_count{service="test",method="huanju.conformance.v1.Conformance/Echo"} 2"#))
            #expect(text.contains(#"huanju_rpc_latency_seconds_bucket{service="test",method="huanju.conformance.v1.Conformance/Echo",le="+Inf"} 2"#))
        }
    }

    @Test func eventLoopCallsAreCountedPerLoopAndSummedWhenRead() async throws {
        try await TestServer().serving { server in
            // Given event-loop calls over eight connections (spread over the server's loops)
            let clients = (0..<8).map { _ in server.client() }
            for client in clients {
                for _ in 0..<25 {
                    let _: ConformanceV1.AllKinds = try await client.call(TestMethods.count, ConformanceV1.AllKinds())
                }
            }
            // When an operator reads the metrics, Then they are the sum over every loop
            let admin = RPCClient(socketPath: server.operatorSocket)
            let metrics = try await MetricsV1.MetricsService.Client(admin).get()
            #expect(metrics.prometheusText.contains(
                #"huanju_rpc_calls_total{service="test",method="huanju.testing.v1.Test/Count",status="OK"} 200"#))
            for client in clients { await client.close() }
        }
    }

    @Test func metricsAreNotServedOnThePublicSocket() async throws {
        try await TestServer().serving { server in
            let response = try await server.client().send(method: MetricsV1.MetricsService.Method.get.name, payload: [])
            #expect(response.status == .permissionDenied)
        }
    }

    @Test func serviceGaugesAreRenderedWithTheirHelp() {
        let text = PrometheusText.render(service: "room-session", calls: [], gauges: [
            Gauge("huanju_present_viewers", help: "Viewers present in live rooms.", value: 30_000),
        ])
        #expect(text.contains("# TYPE huanju_present_viewers gauge\nhuanju_present_viewers{service=\"room-session\"} 30000\n"))
    }
}
