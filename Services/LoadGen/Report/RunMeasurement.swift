/// What a run measured, and the figures derived from it.
struct RunMeasurement: Sendable {
    /// All connections' counts and latencies over the measured window.
    var tally: ConnectionTally
    /// Seconds of the measured window.
    var seconds: Double
    /// The server process at the start and at the end of the measured window.
    var serverBefore: ProcessSample?
    var serverAfter: ProcessSample?
    /// The generator's own CPU seconds over the window (to show it is not the bottleneck).
    var generatorCPUSeconds: Double

    /// Calls answered in the window.
    var answered: Int { tally.answered }
    var ok: Int { tally.ok }
    var refused: Int { tally.refused }
    var absent: Int { tally.absent }
    /// Error answers plus calls left unanswered.
    var errors: Int { tally.failed + tally.lost }
    var firstFailure: String? { tally.firstFailure }

    var callsPerSecond: Double { seconds > 0 ? Double(answered) / seconds : 0 }
    var p50Micros: Double { micros(50) }
    var p99Micros: Double { micros(99) }
    var p999Micros: Double { micros(99.9) }

    /// The server's CPU time (all threads, user + system) over the window per call answered.
    var serverCPUMicrosPerCall: Double? {
        guard let serverBefore, let serverAfter, answered > 0 else { return nil }
        return (serverAfter.cpuSeconds - serverBefore.cpuSeconds) * 1e6 / Double(answered)
    }

    /// The generator's CPU time per call answered.
    var generatorCPUMicrosPerCall: Double {
        answered > 0 ? generatorCPUSeconds * 1e6 / Double(answered) : 0
    }

    /// The server's resident memory at the end of the window.
    var serverResidentKiB: Int? { serverAfter?.residentKiB }

    private func micros(_ percentile: Double) -> Double {
        tally.answered > 0 ? Double(tally.latency.valueAtPercentile(percentile)) / 1000 : 0
    }
}
