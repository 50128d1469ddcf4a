/// The calls one connection sends, in order.
///
/// - `random`: a uniformly drawn viewer and a kind drawn from the mix, without end (the run's
///   clock stops it).
/// - `sequentialJoins`: joins of viewers `first, first + stride, …` below `end`, each once;
///   the connections of a run together join every viewer exactly once (the fill and the prefill).
struct CallPlan: Sendable {
    enum Order: Sendable {
        case random(CallMix)
        case sequentialJoins(stride: Int, end: Int)
    }

    private let order: Order
    private let viewers: Int
    private var generator: SplitMix64
    private var nextViewer: Int

    /// The plan of connection `connection` out of `connections`.
    init(order: Order, population: Population, connection: Int, seed: UInt64) {
        self.order = order
        viewers = population.viewers
        generator = SplitMix64(seed: seed &+ UInt64(connection) &* 0x1000_0000_01B3)
        nextViewer = connection
    }

    /// The next call, or nil when a finite plan is done.
    mutating func next() -> PlannedCall? {
        switch order {
        case .random(let mix):
            let draw = generator.next()
            let viewer = Int((draw >> 20) % UInt64(viewers))
            return PlannedCall(kind: mix.kind(for: Int(draw & 0xFFFF) % mix.total), viewer: viewer)
        case .sequentialJoins(let stride, let end):
            guard nextViewer < end else { return nil }
            defer { nextViewer += stride }
            return PlannedCall(kind: .join, viewer: nextViewer)
        }
    }
}
