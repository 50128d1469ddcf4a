/// Renders method statistics and gauges in the Prometheus text exposition format (0.0.4).
public enum PrometheusText {
    public static func render(
        service: String, calls: [(method: String, counters: CallStatistics.Counters)], gauges: [Gauge]
    ) -> String {
        var text = ""
        text += "# HELP huanju_rpc_calls_total Calls answered, by method and status.\n"
        text += "# TYPE huanju_rpc_calls_total counter\n"
        let snapshots = calls.sorted { $0.method < $1.method }
        for (method, counters) in snapshots {
            for status in StatusCode.allCases where counters.byStatus[Int(status.rawValue)] > 0 {
                text += "huanju_rpc_calls_total{service=\"\(service)\",method=\"\(method)\",status=\"\(status)\"} \(counters.byStatus[Int(status.rawValue)])\n"
            }
        }
        text += "# HELP huanju_rpc_latency_seconds Time from reading a call to answering it.\n"
        text += "# TYPE huanju_rpc_latency_seconds histogram\n"
        for (method, counters) in snapshots where counters.latencyBuckets.contains(where: { $0 > 0 }) {
            let labels = "service=\"\(service)\",method=\"\(method)\""
            var cumulative: UInt64 = 0
            for (index, bound) in CallStatistics.latencyBoundsMicros.enumerated() {
                cumulative += counters.latencyBuckets[index]
                text += "huanju_rpc_latency_seconds_bucket{\(labels),le=\"\(seconds(bound))\"} \(cumulative)\n"
            }
            cumulative += counters.latencyBuckets[CallStatistics.latencyBoundsMicros.count]
            text += "huanju_rpc_latency_seconds_bucket{\(labels),le=\"+Inf\"} \(cumulative)\n"
            text += "huanju_rpc_latency_seconds_sum{\(labels)} \(seconds(counters.latencySumMicros))\n"
            text += "huanju_rpc_latency_seconds_count{\(labels)} \(cumulative)\n"
        }
        for gauge in gauges {
            text += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) \(gauge.kind.rawValue)\n"
            text += "\(gauge.name){service=\"\(service)\"} \(format(gauge.value))\n"
        }
        return text
    }

    private static func seconds(_ micros: Int64) -> String {
        format(Double(micros) / 1_000_000)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
