/// One value a service reports at scrape time (live broadcasts, present viewers, outbox
/// backlog…), in Prometheus terms a gauge or a counter.
public struct Gauge: Sendable, Equatable {
    public enum Kind: String, Sendable { case gauge, counter }

    /// Metric name, `huanju_` prefixed by convention: `huanju_live_broadcasts`.
    public var name: String
    public var help: String
    public var kind: Kind
    public var value: Double

    public init(_ name: String, help: String, kind: Kind = .gauge, value: Double) {
        self.name = name
        self.help = help
        self.kind = kind
        self.value = value
    }
}
