import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// The peer method (operator socket only): activation's events.
extension RoomSessionHandlers {
    /// An account's fee terms changed: its live broadcasts' ends follow (asked of activation
    /// by code id). Applying an event twice is harmless, so none is remembered; a change this
    /// build does not know is refused, and activation's relay keeps it until an upgrade.
    func deliverAccountEvent(_ event: SessionV1.AccountEvent, context _: CallContext) async throws -> SessionV1.AccountEventAck {
        guard !event.accountID.isEmpty else { throw DomainError.invalidArgument("an account event needs an account_id") }
        switch event.change {
        case .feeTermsUpdated:
            let asked = await core.followFeeTerms(ofAccount: event.accountID)
            return SessionV1.AccountEventAck(broadcastsRechecked: UInt32(clamping: asked))
        case nil:
            throw DomainError.failedPrecondition(
                "account event \(event.eventID) carries a change this room-session does not know; upgrade room-session")
        }
    }
}
