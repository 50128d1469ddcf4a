import Synchronization

/// Counters of one method: calls by status code and a latency histogram. Updated once per
/// answered call under a lock held for a few additions.
public final class MethodStats: Sendable {
    /// Upper bounds of the latency buckets, in microseconds (the last bucket is +Inf).
    public static let latencyBoundsMicros: [Int64] = [
        50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 5_000_000,
    ]

    struct Counters {
        var byStatus = [UInt64](repeating: 0, count: StatusCode.allCases.count)
        var latencyBuckets = [UInt64](repeating: 0, count: MethodStats.latencyBoundsMicros.count + 1)
        var latencySumMicros: Int64 = 0
    }

    public let method: String
    private let counters = Mutex(Counters())

    public init(method: String) {
        self.method = method
    }

    /// Records one answered call.
    public func record(_ status: StatusCode, micros: Int64) {
        let bucket = Self.latencyBoundsMicros.firstIndex { micros <= $0 } ?? Self.latencyBoundsMicros.count
        counters.withLock { counters in
            counters.byStatus[Int(status.rawValue)] &+= 1
            counters.latencyBuckets[bucket] &+= 1
            counters.latencySumMicros &+= micros
        }
    }

    func snapshot() -> Counters {
        counters.withLock { $0 }
    }
}
