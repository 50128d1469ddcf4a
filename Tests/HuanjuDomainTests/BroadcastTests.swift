import HuanjuDomain
import Testing

@Suite("RULES §7, §8 — broadcasts and viewers")
struct BroadcastTests {
    /// The seed fee renewed 2020-05-01 15:00 (active until 2021-12-31 12:00) and a code bound 2020-02-01.
    static func boundCode() throws -> (ActivationCode, FeeSchedule) {
        var fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .flagship, issuedAt: seedFeeStart, addOnGroups: 2)
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        try fee.purchase(at: .cst(2020, 5, 1, 15, 0))
        return (code, fee)
    }

    @Test func broadcastEndsAtTheEarliestOfFourHoursCodeValidityAndFeeEnd() {
        // Given a start at 2020-06-01 10:00
        let start = Instant.cst(2020, 6, 1, 10, 0)
        // When nothing else ends sooner / Then it ends 4 hours later (a trial has only this limit)
        #expect(BroadcastPlan.hardEnd(start: start) == .cst(2020, 6, 1, 14, 0))
        #expect(BroadcastPlan.hardEnd(start: start, codeValidityEnd: .cst(2021, 1, 1), feeActiveUntil: nil) == .cst(2020, 6, 1, 14, 0))
        // When the code's validity or the fee ends first / Then that instant is the end
        #expect(BroadcastPlan.hardEnd(start: start, codeValidityEnd: .cst(2020, 6, 1, 12, 0), feeActiveUntil: .cst(2020, 6, 1, 13, 0))
            == .cst(2020, 6, 1, 12, 0))
        #expect(BroadcastPlan.hardEnd(start: start, codeValidityEnd: .cst(2020, 6, 1, 12, 0), feeActiveUntil: .cst(2020, 6, 1, 11, 0))
            == .cst(2020, 6, 1, 11, 0))
    }

    @Test func paidBroadcastStartsOnlyFromTheBoundDeviceAndWechat() throws {
        // Given a usable code bound to the host's device and WeChat id
        let (code, fee) = try Self.boundCode()
        let now = Instant.cst(2020, 6, 1, 10, 0)
        // When another device or WeChat id starts a broadcast / Then permission is denied
        expectDomainError(.permissionDenied, "bound to another device") {
            _ = try BroadcastPlan.paid(code: code, fee: fee, device: "phone-2", wechat: hostWechat, at: now)
        }
        expectDomainError(.permissionDenied) {
            _ = try BroadcastPlan.paid(code: code, fee: fee, device: hostDevice, wechat: "wx-2", at: now)
        }
        expectDomainError(.invalidArgument, "device id") {
            _ = try BroadcastPlan.paid(code: code, fee: fee, device: "", wechat: hostWechat, at: now)
        }
        // When the bound pair starts it / Then it runs at the code's capacity for 4 hours at most
        let plan = try BroadcastPlan.paid(code: code, fee: fee, device: hostDevice, wechat: hostWechat, at: now)
        #expect(plan == BroadcastPlan(kind: .paid, start: now, viewerLimit: 20_200, hardEnd: .cst(2020, 6, 1, 14, 0)))
    }

    @Test func paidBroadcastNeedsAUsableCode() throws {
        // Given codes that are unbound, lapsed, suspended and expired
        let fee = try feeBought(at: seedFeeStart)  // ends 2020-12-31 12:00
        let unbound = try ActivationCode(kind: .standard, issuedAt: .cst(2020, 6, 1))
        var bound = try ActivationCode(kind: .standard, issuedAt: .cst(2020, 6, 1))
        try bound.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 6, 2), fee: fee)
        func start(_ code: ActivationCode, at now: Instant, fee: FeeSchedule) throws {
            _ = try BroadcastPlan.paid(code: code, fee: fee, device: hostDevice, wechat: hostWechat, at: now, label: "HJ-…-7Q")
        }
        // When a broadcast is started with each / Then each is refused with its reason
        expectDomainError(.failedPrecondition, "code HJ-…-7Q is not bound yet", "2020-08-01 00:00 CST") {
            try start(unbound, at: .cst(2020, 6, 5), fee: fee)
        }
        expectDomainError(.failedPrecondition, "code HJ-…-7Q lapsed: it had to be bound before 2020-08-01 00:00 CST") {
            try start(unbound, at: .cst(2020, 8, 1), fee: fee)
        }
        expectDomainError(.failedPrecondition, "suspended", "2020-12-31 12:00 CST") {
            try start(bound, at: .cst(2021, 1, 1), fee: fee)
        }
        var renewed = fee
        try renewed.purchase(at: .cst(2021, 3, 1))
        expectDomainError(.failedPrecondition, "expired at 2021-06-01 00:00 CST") {
            try start(bound, at: .cst(2021, 6, 1), fee: renewed)
        }
    }

    @Test func paidBroadcastEndsWhenTheFeeOrCodeEndsSooner() throws {
        // Given the seed fee ending 2020-12-31 12:00 and a code bound 2020-02-01 (valid until 2021-01-31)
        let fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .flagship, issuedAt: seedFeeStart)
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        // When started at 2020-12-31 10:00 / Then it ends with the fee, at 12:00
        let plan = try BroadcastPlan.paid(code: code, fee: fee, device: hostDevice, wechat: hostWechat, at: .cst(2020, 12, 31, 10, 0))
        #expect(plan.hardEnd == .cst(2020, 12, 31, 12, 0))
        #expect(!plan.hasEnded(at: plan.hardEnd - .milliseconds(1)))
        #expect(plan.hasEnded(at: plan.hardEnd))
        // When the fee was renewed before then / Then the fee no longer cuts it short
        var renewed = fee
        try renewed.purchase(at: .cst(2020, 12, 1))
        let longer = try BroadcastPlan.paid(code: code, fee: renewed, device: hostDevice, wechat: hostWechat, at: .cst(2020, 12, 31, 10, 0))
        #expect(longer.hardEnd == .cst(2020, 12, 31, 14, 0))
        // When started 2021-01-30 22:00 / Then it ends with the code's validity at midnight
        let last = try BroadcastPlan.paid(code: code, fee: renewed, device: hostDevice, wechat: hostWechat, at: .cst(2021, 1, 30, 22, 0))
        #expect(last.hardEnd == .cst(2021, 1, 31))
    }

    @Test func trialNeedsOnlyADeviceIdAndWechatIdAndHoldsTenViewers() throws {
        // Given no account at all
        // When a trial starts without an id / Then it is refused
        expectDomainError(.invalidArgument, "WeChat id") {
            _ = try BroadcastPlan.trial(device: hostDevice, wechat: "", at: .cst(2020, 6, 1))
        }
        // When it starts with both ids / Then it admits 10 viewers for at most 4 hours
        let plan = try BroadcastPlan.trial(device: hostDevice, wechat: hostWechat, at: .cst(2020, 6, 1, 20, 0))
        #expect(plan.kind == .trial)
        #expect(plan.viewerLimit == 10)
        #expect(plan.hardEnd == .cst(2020, 6, 2, 0, 0))
        var room = RoomPresence(limit: plan.viewerLimit)
        for index in 0..<10 { try room.join("v\(index)", at: plan.start) }
        expectDomainError(.resourceExhausted, "room is full: limit 10 concurrent viewers") {
            try room.join("v10", at: plan.start)
        }
    }

    @Test func roomLimitIsTheCodeCapacityWhenTheBroadcastStarts() throws {
        // Given a broadcast started with a 20,200-viewer code
        var (code, fee) = try Self.boundCode()
        let plan = try BroadcastPlan.paid(code: code, fee: fee, device: hostDevice, wechat: hostWechat, at: .cst(2020, 6, 1))
        // When an expansion is applied during it
        try code.applyExpansion(groups: 10)
        // Then this broadcast keeps its limit and the next one has the new capacity
        #expect(plan.viewerLimit == 20_200)
        let next = try BroadcastPlan.paid(code: code, fee: fee, device: hostDevice, wechat: hostWechat, at: .cst(2020, 6, 2))
        #expect(next.viewerLimit == 21_200)
    }

    @Test func viewerIsAdmittedOnlyWhileTheRoomIsLiveAndHasAPlace() throws {
        // Given a live room with a limit of 30,000
        // When it has a place / Then a new viewer is admitted
        #expect(try Admission.decide(roomIsLive: true, viewerIsPresent: false, presentCount: 29_999, limit: 30_000) == .admitted)
        // When it is full / Then a new viewer is refused with RESOURCE_EXHAUSTED naming the limit
        expectDomainError(.resourceExhausted, "room is full: limit 30,000 concurrent viewers") {
            _ = try Admission.decide(roomIsLive: true, viewerIsPresent: false, presentCount: 30_000, limit: 30_000)
        }
        // When a present viewer rejoins a full room / Then it is let back in without counting twice
        #expect(try Admission.decide(roomIsLive: true, viewerIsPresent: true, presentCount: 30_000, limit: 30_000) == .rejoined)
        // When the room is not live / Then nobody is admitted
        expectDomainError(.failedPrecondition, "not live") {
            _ = try Admission.decide(roomIsLive: false, viewerIsPresent: true, presentCount: 0, limit: 30_000)
        }
    }

    @Test func rejoinNeverCountsTwice() throws {
        // Given a room for 2 with one viewer present
        var room = RoomPresence(limit: 2)
        let now = Instant.cst(2020, 6, 1, 10, 0)
        #expect(try room.join("a", at: now) == .admitted)
        // When the same viewer joins again / Then it is a rejoin and the count stays 1
        #expect(try room.join("a", at: now + .seconds(5)) == .rejoined)
        #expect(room.presentCount == 1)
        // And a second viewer still fits, a third does not
        #expect(try room.join("b", at: now + .seconds(6)) == .admitted)
        expectDomainError(.resourceExhausted, "limit 2") { try room.join("c", at: now + .seconds(7)) }
        #expect(room.peak == 2)
    }

    @Test func presenceIsALeaseRenewedByHeartbeatsAndFreedByLeaving() throws {
        // Given a full room for 1 with a 60 s lease
        var room = RoomPresence(limit: 1)
        let now = Instant.cst(2020, 6, 1, 10, 0)
        try room.join("a", at: now)
        // When "a" heartbeats at 59 s / Then it stays present until 60 s after that heartbeat
        try room.heartbeat("a", at: now + .seconds(59))
        #expect(room.isPresent("a", at: now + .seconds(118)))
        expectDomainError(.resourceExhausted) { try room.join("b", at: now + .seconds(118)) }
        // When no heartbeat comes for the lease / Then "a" is dropped exactly at lease end and its place freed
        #expect(!room.isPresent("a", at: now + .seconds(119)))
        #expect(try room.join("b", at: now + .seconds(119)) == .admitted)
        expectDomainError(.notFound, "join again") { try room.heartbeat("a", at: now + .seconds(120)) }
        // When "b" leaves / Then its place is free at once
        let wasPresent = room.leave("b")
        #expect(wasPresent)
        #expect(try room.join("c", at: now + .seconds(121)) == .admitted)
    }

    @Test func endingABroadcastReleasesEveryViewerAndRefusesJoins() throws {
        // Given a live room with viewers
        var room = RoomPresence(limit: 10, lease: .seconds(30))
        let now = Instant.cst(2020, 6, 1, 10, 0)
        for viewer in ["b", "a", "c"] { try room.join(viewer, at: now) }
        // When the broadcast ends / Then all are released and new joins and heartbeats are refused
        let released = room.end()
        #expect(released == ["a", "b", "c"])
        #expect(room.presentCount == 0)
        #expect(!room.isLive)
        expectDomainError(.failedPrecondition) { try room.join("d", at: now + .seconds(1)) }
        expectDomainError(.failedPrecondition, "ended") { try room.heartbeat("a", at: now + .seconds(1)) }
    }

    @Test func broadcastConstantsMatchTheRules() {
        // Given the rulebook's numbers / Then the constants carry them
        #expect(BroadcastRules.maxDuration == .hours(4))
        #expect(BroadcastRules.trialViewerLimit == 10)
        #expect(BroadcastRules.trialRadarTop == 2)
        #expect(BroadcastRules.defaultLease == .seconds(60))
    }
}
