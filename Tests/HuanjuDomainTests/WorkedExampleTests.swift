import HuanjuDomain
import Testing

@Suite("RULES §11 — the guide's worked example")
struct WorkedExampleTests {
    @Test func guideWorkedExampleTimeline() throws {
        // Given account A, an approved enterprise
        var application = try Application.submit(kind: .enterprise, at: .cst(2019, 12, 20, 9, 0), previous: nil)
        try application.approve(at: .cst(2019, 12, 23, 9, 0))
        try PurchaseEligibility.check(kind: .enterprise, application: application)

        // Step 1 — When it buys the annual fee on 2020-01-01 12:00
        var fee = FeeSchedule()
        let bought = try fee.purchase(at: .cst(2020, 1, 1, 12, 0))
        // Then the fee is valid until 2020-12-31 12:00 and gift code A is issued then, free
        #expect(try PurchaseRequest.annualFee.quote().total == 14_000_000)
        #expect(fee.activeUntil(at: .cst(2020, 1, 1, 12, 0)) == .cst(2020, 12, 31, 12, 0))
        var codeA = bought.giftCode
        #expect(codeA.kind == .flagship && codeA.issuedAt == .cst(2020, 1, 1, 12, 0))

        // Step 2 — Then code A must be bound before 2020-03-01 12:00
        #expect(codeA.bindDeadline == .cst(2020, 3, 1, 12, 0))
        #expect(codeA.status(at: .cst(2020, 3, 1, 12, 0), fee: fee) == .lapsed)

        // Step 3 — When code A is bound on 2020-02-01
        try codeA.bind(device: "phone-A", wechat: "wx-A", at: .cst(2020, 2, 1), fee: fee)
        // Then it is valid until 2021-01-31
        #expect(codeA.validityEnd == .cst(2021, 1, 31))

        // Step 4 — Given the fee were not renewed: A is SUSPENDED from 2020-12-31 12:00, EXPIRED from 2021-01-31
        let unrenewed = fee
        #expect(codeA.status(at: .cst(2020, 12, 31, 12, 0) - .milliseconds(1), fee: unrenewed) == .active)
        #expect(codeA.status(at: .cst(2020, 12, 31, 12, 0), fee: unrenewed) == .suspended)
        #expect(codeA.status(at: .cst(2021, 1, 31) - .milliseconds(1), fee: unrenewed) == .suspended)
        #expect(codeA.status(at: .cst(2021, 1, 31), fee: unrenewed) == .expired)

        // Step 5 — When the fee is renewed on 2020-05-01 15:00
        let codeABefore = codeA
        let renewal = try fee.purchase(at: .cst(2020, 5, 1, 15, 0))
        // Then it is valid until 2021-12-31 12:00, code A is unchanged (ACTIVE through 2020-12-31 12:00,
        // EXPIRED from 2021-01-31), and gift code B must be bound before 2020-07-01 15:00
        #expect(renewal.kind == .renewal)
        #expect(fee.activeUntil(at: .cst(2020, 5, 1, 15, 0)) == .cst(2021, 12, 31, 12, 0))
        #expect(codeA == codeABefore)
        #expect(codeA.status(at: .cst(2020, 12, 31, 12, 0), fee: fee) == .active)
        #expect(codeA.status(at: .cst(2021, 1, 31), fee: fee) == .expired)
        var codeB = renewal.giftCode
        #expect(codeB.bindDeadline == .cst(2020, 7, 1, 15, 0))

        // Step 6 — When code B is bound and expanded by 10,000 viewers (100 groups)
        try codeB.bind(device: "phone-B", wechat: "wx-B", at: .cst(2020, 6, 1, 10, 0), fee: fee)
        #expect(try ConcurrencyAddOn.groups(forViewers: 10_000) == 100)
        var ticket = try ExpansionTicket.open(
            groups: 100, codeStatus: codeB.status(at: .cst(2020, 6, 2), fee: fee), at: .cst(2020, 6, 2))
        try ticket.approve()
        #expect(try ticket.quote().total == Fen.yuan(1_000_000))
        try ticket.pay(at: .cst(2020, 6, 3), fee: fee, codeStatus: codeB.status(at: .cst(2020, 6, 3), fee: fee))
        try ticket.apply()
        try codeB.applyExpansion(groups: ticket.groups)
        #expect(codeB.capacity == 30_000)

        // Then a broadcast started with B admits the 30,000th viewer and refuses the 30,001st
        let start = Instant.cst(2020, 6, 10, 20, 0)
        let plan = try BroadcastPlan.paid(code: codeB, fee: fee, device: "phone-B", wechat: "wx-B", at: start)
        #expect(plan.viewerLimit == 30_000)
        #expect(plan.hardEnd == start + .hours(4))
        #expect(try Admission.decide(
            roomIsLive: true, viewerIsPresent: false, presentCount: 29_999, limit: plan.viewerLimit) == .admitted)
        expectDomainError(.resourceExhausted, "room is full: limit 30,000 concurrent viewers") {
            _ = try Admission.decide(roomIsLive: true, viewerIsPresent: false, presentCount: 30_000, limit: plan.viewerLimit)
        }

        // And the extra capacity ends when B expires (bound 2020-06-01 10:00 → valid until 2021-05-31 10:00)
        #expect(codeB.validityEnd == .cst(2021, 5, 31, 10, 0))
        let lastBroadcast = try BroadcastPlan.paid(
            code: codeB, fee: fee, device: "phone-B", wechat: "wx-B", at: .cst(2021, 5, 31, 8, 0))
        #expect(lastBroadcast.viewerLimit == 30_000)
        #expect(lastBroadcast.hardEnd == .cst(2021, 5, 31, 10, 0))
        #expect(codeB.status(at: .cst(2021, 5, 31, 10, 0), fee: fee) == .expired)
        expectDomainError(.failedPrecondition, "expired") {
            _ = try BroadcastPlan.paid(code: codeB, fee: fee, device: "phone-B", wechat: "wx-B", at: .cst(2021, 5, 31, 10, 0))
        }
    }

    @Test func guideWorkedExampleRoomAdmitsThirtyThousandViewers() throws {
        // Given a room started with code B's 30,000-viewer capacity
        var room = RoomPresence(limit: 30_000)
        let now = Instant.cst(2020, 6, 10, 20, 0)
        // When 30,000 distinct viewers join / Then all are admitted
        for index in 0..<30_000 { try room.join("viewer-\(index)", at: now) }
        #expect(room.presentCount == 30_000)
        // When the 30,001st joins / Then it is refused, naming the limit, and the count never exceeds it
        expectDomainError(.resourceExhausted, "limit 30,000") { try room.join("viewer-30000", at: now) }
        #expect(room.presentCount == 30_000)
        #expect(room.peak == 30_000)
    }
}
