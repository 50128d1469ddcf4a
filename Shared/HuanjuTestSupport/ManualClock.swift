import HuanjuDomain
import HuanjuRuntime
import Synchronization

/// A clock that tests set and advance in-process.
public final class ManualClock: BusinessClock {
    private let current: Mutex<Instant>

    public init(_ start: Instant) {
        current = Mutex(start)
    }

    public func now() -> Instant {
        current.withLock { $0 }
    }

    public func set(_ instant: Instant) {
        current.withLock { $0 = instant }
    }

    public func advance(by span: TimeSpan) {
        current.withLock { $0 = $0 + span }
    }
}
