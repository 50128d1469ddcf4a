import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// The account's event feed: the customer's own, and any account's for operators. Reading
/// first records what the business clock made due up to now, so a feed read is never behind
/// the clock (the background pass does the same every 500 ms for webhooks and a quiet feed).
extension ActivationHandlers {
    func listAccountEvents(
        _ request: ActivationV1.ListAccountEventsRequest, context: CallContext
    ) async throws -> ActivationV1.ListAccountEventsResponse {
        let account = try context.requireAccountID()
        return try await feed(of: account, after: request.after, pageSize: request.pageSize)
    }

    func listAnyAccountEvents(
        _ request: ActivationV1.ListAnyAccountEventsRequest, context _: CallContext
    ) async throws -> ActivationV1.ListAccountEventsResponse {
        guard !request.accountID.isEmpty else { throw DomainError.invalidArgument("ListAnyAccountEvents needs an account_id") }
        return try await feed(of: request.accountID, after: request.after, pageSize: request.pageSize)
    }

    private func feed(of account: String, after: String, pageSize: UInt32) async throws -> ActivationV1.ListAccountEventsResponse {
        let sequence = try FeedCursor.sequence(after)
        let size = try PageRequest(pageSize: pageSize, pageToken: "").size
        let now = clock.now()
        if try await !store.clockEventsRecorded(through: now) {
            try await store.followClock(to: now)
        }
        let page = try await store.feedEvents(ofAccount: account, after: sequence, limit: size)
        return ActivationV1.ListAccountEventsResponse(
            events: try page.events.map(ActivationV1.FeedEvent.init), nextCursor: FeedCursor.text(page.nextAfter))
    }
}
