import Synchronization

/// The phase every connection of a run follows, switched by the run's controller: responses
/// count only while measuring, and no call is sent once stopping.
final class RunControl: Sendable {
    enum Phase: UInt8 {
        /// Calls are sent; their answers are not counted.
        case warmingUp
        /// Calls are sent and their answers counted.
        case measuring
        /// No new calls; connections close once their calls are answered.
        case stopping
    }

    private let value: Atomic<UInt8>

    init(_ phase: Phase) {
        value = Atomic(phase.rawValue)
    }

    /// The phase now.
    var phase: Phase {
        Phase(rawValue: value.load(ordering: .relaxed)) ?? .stopping
    }

    /// Moves every connection to `phase`.
    func enter(_ phase: Phase) {
        value.store(phase.rawValue, ordering: .relaxed)
    }
}
