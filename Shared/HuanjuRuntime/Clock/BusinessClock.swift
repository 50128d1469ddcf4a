import HuanjuDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one source of "now" for the business rules (RULES §1). Only the runtime asks it;
/// rules take the instant as a parameter.
public protocol BusinessClock: Sendable {
    func now() -> Instant
}

/// The system's real-time clock: what production runs on.
public struct WallClock: BusinessClock {
    public init() {}

    public func now() -> Instant {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(unixMilliseconds: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000)
    }
}
