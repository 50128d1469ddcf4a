import NIOCore
import Synchronization

/// Calls answered, by method and status, with a latency histogram: counted on the event loop
/// that answered each call, in that loop's own shard — no lock, no shared cache line on the
/// hot path — and summed across loops when read (a metrics scrape).
///
/// Methods are numbered as the router registers them (`methodIndex`); index 0 counts calls to
/// methods the router does not know.
public final class CallStatistics: Sendable {
    /// Upper bounds of the latency buckets, in microseconds (the last bucket is +Inf).
    public static let latencyBoundsMicros: [Int64] = [
        50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 5_000_000,
    ]

    /// One method's counters.
    public struct Counters: Sendable, Equatable {
        public var byStatus = [UInt64](repeating: 0, count: StatusCode.allCases.count)
        public var latencyBuckets = [UInt64](repeating: 0, count: CallStatistics.latencyBoundsMicros.count + 1)
        public var latencySumMicros: Int64 = 0

        mutating func add(_ other: Counters) {
            for index in byStatus.indices { byStatus[index] &+= other.byStatus[index] }
            for index in latencyBuckets.indices { latencyBuckets[index] &+= other.latencyBuckets[index] }
            latencySumMicros &+= other.latencySumMicros
        }
    }

    private let methods = Mutex<[String]>(["unknown"])
    private let shards = Mutex<[ObjectIdentifier: LoopShard]>([:])

    public init() {}

    /// The index of a newly registered method.
    func register(method: String) -> Int {
        methods.withLock { methods in
            methods.append(method)
            return methods.count - 1
        }
    }

    /// The shard of `eventLoop` (created on first use): only code running on that loop records in it.
    func shard(for eventLoop: any EventLoop) -> LoopShard {
        shards.withLock { shards in
            if let shard = shards[ObjectIdentifier(eventLoop)] { return shard }
            let shard = LoopShard(eventLoop: eventLoop)
            shards[ObjectIdentifier(eventLoop)] = shard
            return shard
        }
    }

    /// Every method's counters, summed over the loops (each loop is asked on its own thread).
    public func snapshot() async -> [(method: String, counters: Counters)] {
        let names = methods.withLock { $0 }
        var total = [Counters](repeating: Counters(), count: names.count)
        for shard in shards.withLock({ Array($0.values) }) {
            guard let counters = try? await shard.eventLoop.submit({ shard.counters }).get() else { continue }
            for (index, counters) in counters.enumerated() where index < total.count { total[index].add(counters) }
        }
        return zip(names, total).map { (method: $0, counters: $1) }
    }
}

/// One event loop's counters, touched only on that loop.
final class LoopShard: @unchecked Sendable {
    let eventLoop: any EventLoop
    /// By method index; grows as methods appear.
    private(set) var counters: [CallStatistics.Counters] = []

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Records one answered call (on `eventLoop`).
    func record(method index: Int, _ status: StatusCode, micros: Int64) {
        eventLoop.assertInEventLoop()
        if index >= counters.count {
            counters.append(contentsOf: repeatElement(CallStatistics.Counters(), count: index + 1 - counters.count))
        }
        let bounds = CallStatistics.latencyBoundsMicros
        var bucket = bounds.count
        for (position, bound) in bounds.enumerated() where micros <= bound {
            bucket = position
            break
        }
        let statusIndex = Int(status.rawValue)
        if statusIndex >= 0, statusIndex < counters[index].byStatus.count { counters[index].byStatus[statusIndex] &+= 1 }
        counters[index].latencyBuckets[bucket] &+= 1
        counters[index].latencySumMicros &+= micros
    }
}
