import HuanjuAPI
import HuanjuDomain

/// A room-session `SessionEvent` checked and reduced to the feed entry it asks for: a paid
/// broadcast started or ended. Refusals as for `BillingChange`: INVALID_ARGUMENT for an event
/// broken whoever reads it, FAILED_PRECONDITION for a change this build does not know (the
/// relay parks it for its account and retries; it applies once activation is upgraded).
struct SessionChange: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case started(title: String, viewerLimit: Int, hardEnd: Instant)
        case ended(reason: String)
    }

    let eventID: String
    let accountID: String
    let broadcastID: String
    let codeID: String
    let occurredAt: Instant
    let kind: Kind

    init(_ event: ActivationV1.SessionEvent) throws(DomainError) {
        guard !event.eventID.isEmpty, !event.accountID.isEmpty, !event.broadcastID.isEmpty else {
            throw .invalidArgument("a session event needs an event_id, the account_id and the broadcast_id it concerns")
        }
        eventID = event.eventID
        accountID = event.accountID
        broadcastID = event.broadcastID
        codeID = event.codeID
        occurredAt = try Instant.validated(unixMilliseconds: event.occurredAtMs)
        switch event.change {
        case .started(let started):
            kind = .started(
                title: started.title, viewerLimit: Int(started.viewerLimit),
                hardEnd: try Instant.validated(unixMilliseconds: started.hardEndMs))
        case .ended(let ended):
            kind = .ended(reason: ended.reason)
        case nil:
            throw .failedPrecondition(
                "session event \(event.eventID) carries a change this activation does not know; upgrade activation "
                    + "(it knows started and ended)")
        }
    }

    /// The feed entry: the broadcast started, or ended and why.
    func feedEntry(codeMasked: String?) -> FeedEntry {
        let when = ChinaTime.format(occurredAt)
        let code = codeMasked ?? codeID
        switch kind {
        case let .started(title, viewerLimit, hardEnd):
            let named = title.isEmpty ? "" : " (\"\(title)\")"
            return FeedEntry(
                eventID: "session:\(eventID)", accountID: accountID, kind: .broadcastStarted, occurredAt: occurredAt,
                codeID: codeID, codeMasked: codeMasked, broadcastID: broadcastID, deadline: hardEnd,
                text: "Broadcast \(broadcastID)\(named) started at \(when) with code \(code): up to "
                    + "\(viewerLimit.grouped) viewers, until \(ChinaTime.format(hardEnd)) at the latest.")
        case .ended(let reason):
            return FeedEntry(
                eventID: "session:\(eventID)", accountID: accountID, kind: .broadcastEnded, occurredAt: occurredAt,
                codeID: codeID, codeMasked: codeMasked, broadcastID: broadcastID,
                text: "Broadcast \(broadcastID) ended at \(when): \(Self.words(reason)).")
        }
    }

    private static func words(_ reason: String) -> String {
        switch reason {
        case "HOST_ENDED": "the host ended it"
        case "MAX_DURATION": "it reached 4 hours, the longest a broadcast lasts"
        case "CODE_EXPIRED": "the code's validity ended"
        case "FEE_LAPSED": "the annual fee ended without a renewal"
        case "SERVICE_RESTARTED": "the service restarted"
        default: reason.isEmpty ? "no reason given" : reason
        }
    }
}
