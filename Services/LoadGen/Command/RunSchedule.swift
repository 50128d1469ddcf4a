/// How a run is paced, from the options.
enum RunSchedule {
    /// Join every viewer once, as fast as the connections go.
    case fill
    /// The mix for `duration` seconds after `warmup`, optionally after a prefill.
    case timed(warmup: Double, duration: Double, mix: CallMix, prefill: Bool)
}
