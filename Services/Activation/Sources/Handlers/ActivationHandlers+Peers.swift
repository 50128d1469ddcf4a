import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire
import Logging

/// Peer methods (operator socket only): billing's events, room-session's authorization.
extension ActivationHandlers {
    /// Applies a billing event once per event id. An event `BillingChange` refuses is not
    /// claimed, so billing's relay parks its account and retries it.
    func deliverBillingEvent(_ event: ActivationV1.BillingEvent, context _: CallContext) async throws -> ActivationV1.BillingEventAck {
        let change: BillingChange
        do throws(DomainError) {
            change = try BillingChange(event)
        } catch {
            if error.code == .failedPrecondition {
                logger.error("billing event refused: this build cannot apply it; upgrade activation", metadata: [
                    "event.id": "\(event.eventID)", "account.id": "\(event.accountID)", "error": "\(error.message)",
                ])
            }
            throw error
        }
        let outcome = try await store.apply(change, receivedAt: clock.now())
        var metadata: Logger.Metadata = ["event.id": "\(change.eventID)", "account.id": "\(change.accountID)"]
        switch outcome {
        case .redelivered:
            logger.debug("billing event redelivered: already applied", metadata: metadata)
        case .feeTermsReplaced(let terms):
            metadata["fee.terms"] = "\(terms)"
            logger.info("fee terms replaced", metadata: metadata)
        case .feeTermsOutdated:
            logger.notice("fee terms older than the copy held: kept the newer copy", metadata: metadata)
        case .codesIssued(let codes):
            metadata["codes.count"] = "\(codes.count)"
            metadata["order.id"] = "\(codes.first?.orderID ?? "")"
            metadata["code.ids"] = "\(codes.map(\.codeID).joined(separator: ","))"
            logger.info("codes issued", metadata: metadata)
        case .expansionRecorded(let expansion, let codeKnown):
            metadata["ticket.id"] = "\(expansion.ticketID)"
            metadata["code.id"] = "\(expansion.codeID)"
            if codeKnown {
                logger.info("paid expansion recorded; waiting for an operator to apply it", metadata: metadata)
            } else {
                logger.error("paid expansion names a code this account does not hold here; it cannot be applied",
                             metadata: metadata)
            }
        case .expansionAlreadyRecorded:
            logger.notice("paid expansion recorded before under another event id: ignored", metadata: metadata)
        case .noticeRecorded:
            logger.debug("billing notice recorded in the account's feed", metadata: metadata)
        }
        return ActivationV1.BillingEventAck(appliedNow: outcome.appliedNow)
    }

    /// Room-session's events about paid broadcasts, for the account's feed; each applied once.
    func deliverSessionEvent(
        _ event: ActivationV1.SessionEvent, context _: CallContext
    ) async throws -> ActivationV1.SessionEventAck {
        let change: SessionChange
        do throws(DomainError) {
            change = try SessionChange(event)
        } catch {
            if error.code == .failedPrecondition {
                logger.error("session event refused: this build cannot apply it; upgrade activation", metadata: [
                    "event.id": "\(event.eventID)", "account.id": "\(event.accountID)", "error": "\(error.message)",
                ])
            }
            throw error
        }
        let appliedNow = try await store.apply(change, receivedAt: clock.now())
        return ActivationV1.SessionEventAck(appliedNow: appliedNow)
    }

    /// May this device + WeChat id start a broadcast with this code now? Checked in the
    /// order of `BroadcastPlan.paid`: ids present, the caller is the binding, the code usable.
    /// When the caller passes `account-id` metadata (room-session forwards the host's account),
    /// a code of another account is NOT_FOUND in the words used for an unknown one, before
    /// anything about its binding or status is looked at.
    func authorizeBroadcast(
        _ request: ActivationV1.AuthorizeBroadcastRequest, context: CallContext
    ) async throws -> ActivationV1.AuthorizeBroadcastResponse {
        let (stored, secret) = try await storedCode(typed: request.code, forAccount: context.accountID)
        let now = clock.now()
        let plan = try BroadcastPlan.paid(
            code: stored.code, fee: stored.fee, device: request.deviceID, wechat: request.wechatOpenid, at: now,
            label: secret.masked)
        guard let validUntil = stored.code.validityEnd, let feeUntil = stored.fee.activeUntil(at: now) else {
            throw StoredDataError("a usable code \(stored.codeID) without validity or fee end")
        }
        return ActivationV1.AuthorizeBroadcastResponse(
            codeID: stored.codeID, accountID: stored.accountID, capacity: UInt32(clamping: plan.viewerLimit),
            codeValidUntilMs: validUntil.unixMilliseconds, feeActiveUntilMs: feeUntil.unixMilliseconds)
    }

    /// The bounds a broadcast of this code has now, by code id, for the broadcast's account:
    /// what room-session asks about a fee-bound broadcast (a renewal moves its end later) and
    /// about broadcasts it reopens after a restart. Another account's code is NOT_FOUND like an
    /// unknown id; 0 for a bound it does not have (no validity before binding, no active fee).
    func getBroadcastBounds(
        _ request: ActivationV1.GetBroadcastBoundsRequest, context: CallContext
    ) async throws -> ActivationV1.GetBroadcastBoundsResponse {
        let account = try context.requireAccountID()
        guard !request.codeID.isEmpty else { throw DomainError.invalidArgument("GetBroadcastBounds needs a code_id") }
        guard let stored = try await store.code(id: request.codeID, ofAccount: account) else {
            throw Self.noSuchCode(request.codeID)
        }
        let now = clock.now()
        return ActivationV1.GetBroadcastBoundsResponse(
            codeID: stored.codeID, accountID: stored.accountID,
            codeValidUntilMs: stored.code.validityEnd?.unixMilliseconds ?? 0,
            feeActiveUntilMs: stored.fee.activeUntil(at: now)?.unixMilliseconds ?? 0)
    }
}
