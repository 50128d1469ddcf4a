import HuanjuAPI
import HuanjuDomain

extension RoomSessionCore {
    /// How close a fee-bound end must be for the sweep to ask activation about it once more.
    static let feeEndLookahead = TimeSpan.seconds(1)

    /// An account's fee terms changed (activation's `DeliverAccountEvent`): asks activation
    /// about each of its live paid broadcasts and moves their hard ends to what the answers
    /// give. Returns how many were asked about.
    func followFeeTerms(ofAccount accountID: String) async -> Int {
        let now = clock.now()
        let broadcasts = live.all().filter { $0.isOpened && $0.kind == .paid && $0.accountID == accountID }
        await withTaskGroup(of: Void.self) { group in
            for entry in broadcasts {
                group.addTask { await self.followFeeRenewal(entry, now: now) }
            }
        }
        return broadcasts.count
    }

    /// The explicit re-check at the moment a fee-bound end arrives: each live broadcast whose
    /// hard end is its fee's end and falls within `feeEndLookahead` is asked about once (per
    /// end), in case a renewal's event has not arrived yet.
    func recheckArrivingFeeEnds(now: Instant) async {
        let arriving = live.all().filter {
            $0.isOpened && $0.isFeeBounded && $0.hardEnd <= now + Self.feeEndLookahead && $0.recheckedEnd != $0.hardEnd
        }
        guard !arriving.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            for entry in arriving {
                live.markRechecked(entry.broadcastID, end: entry.hardEnd)
                group.addTask { await self.followFeeRenewal(entry, now: now) }
            }
        }
    }

    /// Asks activation about `entry`'s code and moves its hard end to what the answer gives
    /// (later after a renewal). A refusal or an unreachable activation changes nothing.
    private func followFeeRenewal(_ entry: LiveBroadcast, now: Instant) async {
        // Only a renewal seen before the fee's end keeps the broadcast going: once that end has
        // passed, the fee lapsed (a renewal after it starts a new term; the gap stays a gap,
        // RULES §4) and the broadcast ended then, whatever activation says now. (The engine
        // would refuse to move a passed end anyway; this spares activation the question.)
        guard now < entry.hardEnd, let codeID = entry.codeID, let accountID = entry.accountID else { return }
        let answer: ActivationV1.GetBroadcastBoundsResponse
        do {
            answer = try await authorizer.broadcastBounds(codeID: codeID, forAccount: accountID)
        } catch {
            logger.debug("fee renewal check refused or failed", metadata: [
                "broadcast.id": "\(entry.broadcastID)", "error": "\(error)",
            ])
            return
        }
        guard answer.codeID == codeID, answer.accountID == accountID, answer.feeActiveUntilMs > 0 else { return }
        var renewed = entry
        if answer.codeValidUntilMs > 0 { renewed.codeValidUntil = Instant(unixMilliseconds: answer.codeValidUntilMs) }
        renewed.feeActiveUntil = Instant(unixMilliseconds: answer.feeActiveUntilMs)
        guard renewed.hardEnd != entry.hardEnd else { return }
        do {
            try engine.updateHardEnd(entry.broadcastID, to: renewed.hardEnd, now: now)
        } catch {
            // It ended meanwhile: a renewal after the hard end does not revive it.
            return
        }
        live.updateBounds(entry.broadcastID, to: renewed)
        do {
            try await store.recordBounds(of: entry.broadcastID, codeValidUntil: renewed.codeValidUntil,
                                         feeActiveUntil: renewed.feeActiveUntil, hardEnd: renewed.hardEnd)
        } catch {
            logger.error("could not record a broadcast's new bounds; the next flush writes its hard end", metadata: [
                "broadcast.id": "\(entry.broadcastID)", "error": "\(error)",
            ])
        }
        logger.info("broadcast hard end moved by the fee terms", metadata: [
            "broadcast.id": "\(entry.broadcastID)", "broadcast.hard_end": "\(renewed.hardEnd)",
            "broadcast.previous_hard_end": "\(entry.hardEnd)",
        ])
    }
}
