/// The figures of one run, printed as a readable summary (standard error) and as one
/// `result:` line of `key=value` pairs (standard output) that `bench.sh` reads.
struct RunReport {
    var target: String
    var connections: Int
    var depth: Int
    var measurement: RunMeasurement
    /// More `key=value` pairs, e.g. the request size or memory per viewer.
    var extra: [(String, String)] = []

    /// The `result:` line.
    var line: String {
        let m = measurement
        var pairs: [(String, String)] = [
            ("target", target), ("conns", "\(connections)"), ("depth", "\(depth)"),
            ("calls", "\(m.answered)"), ("seconds", format(m.seconds, 2)), ("rps", "\(Int(m.callsPerSecond.rounded()))"),
            ("p50_us", format(m.p50Micros, 1)), ("p99_us", format(m.p99Micros, 1)), ("p999_us", format(m.p999Micros, 1)),
            ("ok", "\(m.ok)"), ("refused", "\(m.refused)"), ("absent", "\(m.absent)"), ("errors", "\(m.errors)"),
        ]
        if let cpu = m.serverCPUMicrosPerCall { pairs.append(("cpu_us_per_call", format(cpu, 2))) }
        if let rss = m.serverResidentKiB { pairs.append(("rss_kib", "\(rss)")) }
        pairs.append(("client_cpu_us_per_call", format(m.generatorCPUMicrosPerCall, 2)))
        pairs += extra
        return "result: " + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    /// The readable summary.
    var summary: String {
        let m = measurement
        var text = "\(target) \(connections)×\(depth): \(Int(m.callsPerSecond.rounded())) calls/s over \(format(m.seconds, 2)) s; "
            + "latency p50 \(format(m.p50Micros, 1)) µs, p99 \(format(m.p99Micros, 1)) µs, p99.9 \(format(m.p999Micros, 1)) µs; "
            + "\(m.ok) ok, \(m.refused) refused, \(m.absent) absent, \(m.errors) errors"
        if let cpu = m.serverCPUMicrosPerCall { text += "; server CPU \(format(cpu, 2)) µs/call" }
        if let rss = m.serverResidentKiB { text += ", RSS \(rss / 1024) MiB" }
        text += "; generator CPU \(format(m.generatorCPUMicrosPerCall, 2)) µs/call"
        if let failure = m.firstFailure { text += "\n  first error: \(failure)" }
        return text
    }
}

/// `value` with `decimals` digits after the point.
func format(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "nan" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    guard decimals > 0 else { return "\(scaled)" }
    let sign = scaled < 0 ? "-" : ""
    let whole = abs(scaled) / Int(scale)
    let fraction = String(abs(scaled) % Int(scale))
    return "\(sign)\(whole).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
}
