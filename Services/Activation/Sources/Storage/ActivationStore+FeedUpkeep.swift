import HuanjuRuntime
import Logging

extension Upkeep {
    /// Activation's feed clock: every 500 ms, records the feed events the business clock made
    /// due since the last pass (`ActivationStore.followClock`), so that a feed nobody reads
    /// (and the webhooks that follow it) keeps up with the clock. A failed pass is retried on
    /// the next one: it committed nothing.
    static func feedClock(
        _ store: ActivationStore, clock: any BusinessClock, logger: Logger, interval: Duration = .milliseconds(500)
    ) -> Upkeep {
        Upkeep(name: "feed-clock", interval: interval) {
            do {
                let recorded = try await store.followClock(to: clock.now())
                if recorded > 0 { logger.info("feed: events due by the clock recorded", metadata: ["feed.events": "\(recorded)"]) }
            } catch {
                logger.error("feed: the clock's events could not be recorded; retrying", metadata: ["error": "\(error)"])
            }
        }
    }
}
