import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

extension RoomSessionCore {
    /// Starts a paid broadcast (RULES §7) for the calling account: activation authorizes the
    /// code for this device and WeChat id and gives its capacity and bounds; one broadcast at a
    /// time per code; the limit is the capacity now (an expansion applied later counts from the
    /// next broadcast); the hard end the earliest of start + 4 h, the code's validity end and
    /// the fee's end. The row is written durably, then the room opens. Activation is asked
    /// within the time `caller` (the host's call) has left.
    ///
    /// - Throws: activation's refusals as it gave them; UNAVAILABLE when it cannot be reached;
    ///   NOT_FOUND when the code is another account's (as for an unknown code);
    ///   FAILED_PRECONDITION naming the live broadcast when the code is live already.
    func startBroadcast(
        code: String, deviceID: String, wechatOpenid: String, title: String, accountID: String, caller: CallContext?
    ) async throws -> StartedBroadcast {
        let answer: ActivationV1.AuthorizeBroadcastResponse
        do {
            answer = try await authorizer.authorizeBroadcast(
                ActivationV1.AuthorizeBroadcastRequest(code: code, deviceID: deviceID, wechatOpenid: wechatOpenid),
                forAccount: accountID, caller: caller)
        } catch {
            throw activationFailure(error)
        }
        guard answer.accountID == accountID else {
            // Activation checks the account; this guards against a peer that did not.
            let secret: CodeSecret
            do throws(CodeSecret.ParseError) {
                secret = try CodeSecret(parsing: code)
            } catch {
                throw error.domainError
            }
            throw secret.unknownCodeError(accountScoped: true)
        }
        let now = clock.now()
        let entry = LiveBroadcast.paid(
            Identifier.make("bc"), start: now, accountID: accountID, codeID: answer.codeID,
            codeValidUntil: Instant(unixMilliseconds: answer.codeValidUntilMs),
            feeActiveUntil: Instant(unixMilliseconds: answer.feeActiveUntilMs))
        guard answer.capacity >= 1 else {
            throw DomainError.failedPrecondition("code \(answer.codeID) has no viewer capacity; it cannot start a broadcast")
        }
        guard entry.hardEnd > now else {
            throw DomainError.failedPrecondition(
                "code \(answer.codeID) cannot start a broadcast at \(now): it is usable only until \(entry.hardEnd)")
        }
        if let holder = live.reserve(entry, isLive: { self.snapshot($0.broadcastID, now: now)?.isEnded == false }) {
            throw DomainError.failedPrecondition(
                "code \(answer.codeID) is live already in broadcast \(holder.broadcastID) (until \(holder.hardEnd) at the "
                    + "latest); a code runs one broadcast at a time: end that one first, or wait until it ends")
        }
        let plan = BroadcastPlan(kind: .paid, start: now, viewerLimit: Int(answer.capacity), hardEnd: entry.hardEnd)
        return try await open(entry, plan: plan, title: title)
    }

    /// Starts a free trial broadcast (RULES §8): a device id and WeChat id only, 10 viewers,
    /// 4 hours, radar top 2. One live trial per WeChat id at a time (the service's choice).
    ///
    /// - Throws: INVALID_ARGUMENT without a device or WeChat id; FAILED_PRECONDITION naming the
    ///   live trial when this WeChat id runs one already.
    func startTrial(deviceID: String, wechatOpenid: String, title: String) async throws -> StartedBroadcast {
        let now = clock.now()
        let plan = try BroadcastPlan.trial(device: deviceID, wechat: wechatOpenid, at: now)
        let entry = LiveBroadcast.trial(Identifier.make("bc"), start: now, wechatOpenid: wechatOpenid)
        if let holder = live.reserve(entry, isLive: { self.snapshot($0.broadcastID, now: now)?.isEnded == false }) {
            throw DomainError.failedPrecondition(
                "WeChat id \(wechatOpenid) runs a trial broadcast already: \(holder.broadcastID) (until "
                    + "\(holder.hardEnd) at the latest); one trial at a time per WeChat id: end it first, or wait until it ends")
        }
        return try await open(entry, plan: plan, title: title)
    }

    /// Records the registered broadcast durably, opens its room and answers with the host token.
    private func open(_ entry: LiveBroadcast, plan: BroadcastPlan, title: String) async throws -> StartedBroadcast {
        let hostToken = HostToken.make()
        let record = BroadcastRecord(starting: entry, plan: plan, title: title, hostTokenDigest: HostToken.digest(hostToken))
        do {
            try await store.recordStart(record)
        } catch {
            live.release(entry.broadcastID)
            throw error
        }
        let snapshot: RoomSnapshot
        do {
            snapshot = try engine.openRoom(entry.broadcastID, plan: plan)
        } catch {
            live.release(entry.broadcastID)
            try? await store.recordEnd(of: entry.broadcastID, at: plan.start, cause: .hostEnded)
            logger.error("broadcast recorded but its room did not open", metadata: [
                "broadcast.id": "\(entry.broadcastID)", "error": "\(error)",
            ])
            throw error
        }
        live.markOpened(entry.broadcastID)
        logger.info("broadcast started", metadata: [
            "broadcast.id": "\(entry.broadcastID)", "broadcast.kind": "\(plan.kind.rawValue)",
            "broadcast.limit": "\(plan.viewerLimit)", "broadcast.hard_end": "\(plan.hardEnd)",
            "account.id": "\(entry.accountID ?? "")", "code.id": "\(entry.codeID ?? "")",
        ])
        return StartedBroadcast(broadcast: current(record, room: snapshot), hostToken: hostToken)
    }

    /// What the caller is told when asking activation failed: its refusals pass through; not
    /// reaching it is UNAVAILABLE, in words that say what still works.
    func activationFailure(_ error: any Error) -> any Error {
        switch error {
        case let error as RPCError where [.unavailable, .deadlineExceeded, .cancelled].contains(error.code):
            logger.warning("activation unreachable", metadata: ["error": "\(error)"])
            return Self.activationUnreachable
        case is RPCError, is any RPCErrorConvertible, is CancellationError:
            return error
        default:
            logger.warning("activation call failed", metadata: ["error": "\(error)"])
            return Self.activationUnreachable
        }
    }

    private static let activationUnreachable = RPCError(
        .unavailable,
        "cannot reach the activation service; live broadcasts and trials are unaffected: try starting again in a moment")
}
