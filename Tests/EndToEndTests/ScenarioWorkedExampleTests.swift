import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// RULES §11, the guide's worked example, through the three real processes and the shared
/// controllable clock: every date, capacity and refusal as the guide states it.
@Suite(.serialized) struct ScenarioWorkedExampleTests {
    @Test func theGuidesTimelineHoldsAcrossTheServices() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let operatorOnDuty = Operator(system: system)
            let a = try await system.approvedEnterprise("account-a")

            // 1. 2020-01-01 12:00 buys the annual fee → valid until 2020-12-31 12:00; gift code A.
            let fee = try await a.buyAnnualFee(key: "fee-2020")
            #expect(try #require(fee.order).totalFen == 14_000_000)
            let afterFee = try #require(try await a.account().fee)
            #expect(afterFee.active)
            #expect(afterFee.activeUntilMs == .cst(2020, 12, 31, 12, 0))
            let codeA = try #require(try await a.waitForCodes(1).first)
            #expect(codeA.kind == .flagship && codeA.gift)
            #expect(codeA.capacity == 20_000)

            // 2. Code A must be bound before 2020-03-01 12:00.
            #expect(codeA.bindDeadlineMs == .cst(2020, 3, 1, 12, 0))
            #expect(codeA.status == .unbound)

            // 3. 2020-02-01 binds code A → valid until 2021-01-31 (same clock time).
            try system.setClock(.cst(2020, 2, 1, 12, 0))
            let boundA = try #require(try await a.bind(codeA, device: "phone-a", wechat: "wx-host-a").code)
            #expect(boundA.status == .active)
            #expect(boundA.validUntilMs == .cst(2021, 1, 31, 12, 0))

            // 5. 2020-05-01 afternoon renews → fee until 2021-12-31 12:00; A unchanged; gift
            //    code B to bind before 2020-07-01, same clock time as the renewal.
            try system.setClock(.cst(2020, 5, 1, 15, 0))
            _ = try await a.buyAnnualFee(key: "fee-renewal")
            #expect(try await a.account().fee?.activeUntilMs == .cst(2021, 12, 31, 12, 0))
            let codes = try await a.waitForCodes(2)
            let codeB = try #require(codes.first { $0.codeID != codeA.codeID })
            #expect(codeB.bindDeadlineMs == .cst(2020, 7, 1, 15, 0))
            #expect(try await a.code(codeA.codeID).validUntilMs == .cst(2021, 1, 31, 12, 0))

            // 4. Had the fee not been renewed, A would be SUSPENDED from 2020-12-31 12:00 and
            //    EXPIRED from 2021-01-31: with the renewal, A is still ACTIVE then, and EXPIRED after.
            // 6. Code B is bound and expanded by 10,000 viewers (ticket → approve → pay → apply).
            try system.setClock(.cst(2020, 5, 2, 10, 0))
            _ = try await a.bind(codeB, device: "phone-b", wechat: "wx-host-b")
            let ticket = try await a.openTicket(for: codeB.codeID, groups: 100)
            #expect(ticket.state == .pendingReview)
            try await operatorOnDuty.approveTicket(ticket.ticketID)
            let payment = try await a.payTicket(ticket.ticketID, key: "expand-b")
            #expect(try #require(payment.order).totalFen == 100 * 1_000_000)
            let applied = try await operatorOnDuty.applyExpansion(ticket.ticketID)
            #expect(applied.code?.capacity == 30_000)
            #expect(try await a.code(codeB.codeID).capacity == 30_000)
            _ = try await eventually("ticket APPLIED in billing") {
                try await a.ticket(ticket.ticketID).state == .applied ? true : nil
            }

            //    → a broadcast started with B admits 30,000 viewers and refuses the 30,001st.
            let started = try await a.startBroadcast(with: codeB, device: "phone-b", wechat: "wx-host-b")
            let broadcast = try #require(started.broadcast)
            #expect(broadcast.viewerLimit == 30_000)
            let crowd = try await Crowd.join(system, broadcastID: broadcast.broadcastID, viewers: Crowd.viewerIDs(30_000))
            #expect(crowd.admitted == 30_000)
            #expect(crowd.refused.isEmpty)
            let extra = await refusal {
                try await system.roomSession().join(
                    SessionV1.ViewerRequest(broadcastID: broadcast.broadcastID, viewerID: "wx_ffffffffffffffff"))
            }
            #expect(extra?.code == .resourceExhausted)
            #expect(extra?.message.contains("30,000") == true || extra?.message.contains("30000") == true)
            //    A viewer already present rejoins without counting twice.
            let rejoin = try await system.roomSession().join(
                SessionV1.ViewerRequest(broadcastID: broadcast.broadcastID, viewerID: Crowd.viewerIDs(1)[0]))
            #expect(rejoin.presentViewers == 30_000)

            //    The extra capacity ends with B: B is EXPIRED once its validity ends.
            try system.setClock(.cst(2021, 5, 2, 10, 0))
            #expect(try await a.code(codeB.codeID).status == .expired)
            #expect(try await a.code(codeA.codeID).status == .expired)
        }
    }
}
