import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// The account's event feed over the wire (issue 14): the guide's example replayed by the
/// controllable clock gives exactly the expected events, in order, each reminder once; a
/// lapse suspends and a late renewal restores; kill -9 loses and duplicates nothing; another
/// account sees none of it.
@Suite(.serialized) struct ScenarioFeedTests {
    /// One event as the tests compare them: its type, when it took effect (CST), which code.
    struct Seen: Equatable, CustomStringConvertible {
        let type: ActivationV1.FeedEventType
        let at: Int64
        let code: String

        var description: String { "\(type) \(ChinaTime.format(Instant(unixMilliseconds: at))) \(code)" }
    }

    static func feed(_ customer: Customer, after: String = "") async throws -> [ActivationV1.FeedEvent] {
        var events: [ActivationV1.FeedEvent] = []
        var cursor = after
        while true {
            let page = try await customer.system.activation().listAccountEvents(
                ActivationV1.ListAccountEventsRequest(after: cursor, pageSize: 7), metadata: customer.metadata)
            events += page.events
            if page.events.isEmpty { return events }
            cursor = page.nextCursor
        }
    }

    /// The events as `Seen`, codes named by the given labels.
    static func seen(_ events: [ActivationV1.FeedEvent], codes: [String: String]) -> [Seen] {
        events.map { Seen(type: $0.type, at: $0.occurredAtMs, code: codes[$0.codeID] ?? $0.codeID) }
    }

    @Test func theGuidesExampleReplayedByTheClockGivesTheExpectedFeed() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let operatorOnDuty = Operator(system: system)
            let a = try await system.approvedEnterprise("feed-a")

            _ = try await a.buyAnnualFee(key: "fee-2020")
            let codeA = try #require(try await a.waitForCodes(1).first)
            try system.setClock(.cst(2020, 2, 1, 12, 0))
            _ = try await a.bind(codeA, device: "phone-a", wechat: "wx-a")
            try system.setClock(.cst(2020, 5, 1, 15, 0))
            _ = try await a.buyAnnualFee(key: "fee-renewal")
            let codeB = try #require(try await a.waitForCodes(2).first { $0.codeID != codeA.codeID })
            // B is bound late: after the 14-day and 3-day reminders, before the 1-day one.
            try system.setClock(.cst(2020, 6, 30, 10, 0))
            _ = try await a.bind(codeB, device: "phone-b", wechat: "wx-b")
            try system.setClock(.cst(2020, 7, 1, 10, 0))
            let ticket = try await a.openTicket(for: codeB.codeID, groups: 100)
            try await operatorOnDuty.approveTicket(ticket.ticketID)
            _ = try await a.payTicket(ticket.ticketID, key: "expand-b")
            _ = try await operatorOnDuty.applyExpansion(ticket.ticketID)
            // A year and a half at once: the clock's events come in the order of their instants.
            try system.setClock(.cst(2022, 1, 1, 0, 0))

            let events = try await Self.feed(a)
            let codes = [codeA.codeID: "A", codeB.codeID: "B"]
            let expected: [Seen] = [
                Seen(type: .applicationDecided, at: .cst(2020, 1, 1, 12, 0), code: ""),
                Seen(type: .feeBought, at: .cst(2020, 1, 1, 12, 0), code: ""),
                Seen(type: .codeIssued, at: .cst(2020, 1, 1, 12, 0), code: "A"),
                Seen(type: .codeBound, at: .cst(2020, 2, 1, 12, 0), code: "A"),
                Seen(type: .feeRenewed, at: .cst(2020, 5, 1, 15, 0), code: ""),
                Seen(type: .codeIssued, at: .cst(2020, 5, 1, 15, 0), code: "B"),
                Seen(type: .bindReminder, at: .cst(2020, 6, 17, 15, 0), code: "B"),
                Seen(type: .bindReminder, at: .cst(2020, 6, 28, 15, 0), code: "B"),
                Seen(type: .codeBound, at: .cst(2020, 6, 30, 10, 0), code: "B"),
                Seen(type: .expansionOpened, at: .cst(2020, 7, 1, 10, 0), code: "B"),
                Seen(type: .expansionDecided, at: .cst(2020, 7, 1, 10, 0), code: "B"),
                Seen(type: .expansionPaid, at: .cst(2020, 7, 1, 10, 0), code: "B"),
                Seen(type: .expansionApplied, at: .cst(2020, 7, 1, 10, 0), code: "B"),
                // No fee reminder before 2020-12-31: the fee was renewed long before.
                Seen(type: .codeExpiryReminder, at: .cst(2021, 1, 1, 12, 0), code: "A"),
                Seen(type: .codeExpiryReminder, at: .cst(2021, 1, 24, 12, 0), code: "A"),
                Seen(type: .codeExpired, at: .cst(2021, 1, 31, 12, 0), code: "A"),
                Seen(type: .codeExpiryReminder, at: .cst(2021, 5, 30, 10, 0), code: "B"),
                Seen(type: .codeExpiryReminder, at: .cst(2021, 6, 22, 10, 0), code: "B"),
                Seen(type: .codeExpired, at: .cst(2021, 6, 29, 10, 0), code: "B"),
                Seen(type: .feeEndReminder, at: .cst(2021, 12, 1, 12, 0), code: ""),
                Seen(type: .feeEndReminder, at: .cst(2021, 12, 24, 12, 0), code: ""),
                Seen(type: .feeEndReminder, at: .cst(2021, 12, 30, 12, 0), code: ""),
                // B expired before the fee ended: nothing left to suspend.
                Seen(type: .feeLapsed, at: .cst(2021, 12, 31, 12, 0), code: ""),
            ]
            #expect(Self.seen(events, codes: codes) == expected)
            #expect(Set(events.map(\.eventID)).count == events.count)
            #expect(events.allSatisfy { $0.accountID == a.accountID && !$0.text.isEmpty })

            // The words name the instant in CST and what to do.
            let reminders = events.filter { $0.type == .bindReminder }
            #expect(reminders.map(\.daysLeft) == [14, 3])
            #expect(reminders.first?.text.contains("2020-07-01 15:00 CST") == true)
            #expect(reminders.first?.text.contains("bind it") == true)
            let feeReminder = try #require(events.first { $0.type == .feeEndReminder })
            #expect(feeReminder.deadlineMs == .cst(2021, 12, 31, 12, 0))
            #expect(feeReminder.text.contains("renew the annual fee"))
            let expiry = try #require(events.first { $0.type == .codeExpiryReminder })
            #expect(expiry.text.contains("buy a new code"))

            // Reading again from a cursor gives what follows it, and nothing new appeared.
            let middle = events[11]
            #expect(try await Self.feed(a, after: middle.cursor).map(\.eventID) == events.dropFirst(12).map(\.eventID))
            #expect(events.first?.text.contains("approved") == true)
            #expect(try await Self.feed(a, after: try #require(events.last).cursor).isEmpty)
        }
    }

    @Test func aLapseSuspendsTheCodesAndALateRenewalRestoresThem() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let a = try await system.approvedEnterprise("feed-lapse")
            _ = try await a.buyAnnualFee(key: "fee-2020")
            let codeA = try #require(try await a.waitForCodes(1).first)
            try system.setClock(.cst(2020, 2, 1, 12, 0))
            _ = try await a.bind(codeA, device: "phone-a", wechat: "wx-a")
            // Not renewed before 2020-12-31 12:00: renewed on 2021-01-10 09:00 instead.
            try system.setClock(.cst(2021, 1, 10, 9, 0))
            let beforeRenewal = try await Self.feed(a)
            _ = try await a.buyAnnualFee(key: "fee-late")
            let codes = try await a.waitForCodes(2)
            let gift = try #require(codes.first { $0.codeID != codeA.codeID })
            try system.setClock(.cst(2021, 2, 1, 0, 0))

            let events = try await Self.feed(a)
            #expect(events.prefix(beforeRenewal.count).map(\.eventID) == beforeRenewal.map(\.eventID))
            let labels = [codeA.codeID: "A", gift.codeID: "gift"]
            let expected: [Seen] = [
                Seen(type: .applicationDecided, at: .cst(2020, 1, 1, 12, 0), code: ""),
                Seen(type: .feeBought, at: .cst(2020, 1, 1, 12, 0), code: ""),
                Seen(type: .codeIssued, at: .cst(2020, 1, 1, 12, 0), code: "A"),
                Seen(type: .codeBound, at: .cst(2020, 2, 1, 12, 0), code: "A"),
                Seen(type: .feeEndReminder, at: .cst(2020, 12, 1, 12, 0), code: ""),
                Seen(type: .feeEndReminder, at: .cst(2020, 12, 24, 12, 0), code: ""),
                Seen(type: .feeEndReminder, at: .cst(2020, 12, 30, 12, 0), code: ""),
                Seen(type: .feeLapsed, at: .cst(2020, 12, 31, 12, 0), code: ""),
                Seen(type: .codeSuspended, at: .cst(2020, 12, 31, 12, 0), code: "A"),
                Seen(type: .codeExpiryReminder, at: .cst(2021, 1, 1, 12, 0), code: "A"),
                Seen(type: .feeRenewed, at: .cst(2021, 1, 10, 9, 0), code: ""),
                Seen(type: .codeRestored, at: .cst(2021, 1, 10, 9, 0), code: "A"),
                Seen(type: .codeIssued, at: .cst(2021, 1, 10, 9, 0), code: "gift"),
                Seen(type: .codeExpiryReminder, at: .cst(2021, 1, 24, 12, 0), code: "A"),
                Seen(type: .codeExpired, at: .cst(2021, 1, 31, 12, 0), code: "A"),
            ]
            #expect(Self.seen(events, codes: labels) == expected)
            let suspended = try #require(events.first { $0.type == .codeSuspended })
            #expect(suspended.text.contains("Renew the annual fee"))
            #expect(suspended.deadlineMs == .cst(2021, 1, 31, 12, 0))
        }
    }

    @Test func killingActivationWhileEventsArePendingLosesAndDuplicatesNone() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let a = try await system.approvedEnterprise("feed-kill")
            _ = try await a.buyAnnualFee(key: "fee-2020")
            let codeA = try #require(try await a.waitForCodes(1).first)

            // A renewal bought while activation is down waits in billing's outbox.
            await system.kill9("activation")
            try system.setClock(.cst(2020, 5, 1, 15, 0))
            _ = try await a.buyAnnualFee(key: "fee-renewal")
            try await system.start("activation")
            _ = try await a.waitForCodes(2)

            // The clock jumps past A's bind deadline and every reminder of the year; activation
            // is killed at once, maybe halfway through recording them, and started again.
            try system.setClock(.cst(2021, 1, 1, 0, 0))
            await system.kill9("activation")
            try await system.start("activation")
            let events = try await Self.feed(a)
            #expect(Set(events.map(\.eventID)).count == events.count)
            let labels = [codeA.codeID: "A"]
            let seen = Self.seen(events, codes: labels).filter { $0.code == "A" || $0.code == "" }
            #expect(seen == [
                Seen(type: .applicationDecided, at: .cst(2020, 1, 1, 12, 0), code: ""),
                Seen(type: .feeBought, at: .cst(2020, 1, 1, 12, 0), code: ""),
                Seen(type: .codeIssued, at: .cst(2020, 1, 1, 12, 0), code: "A"),
                Seen(type: .bindReminder, at: .cst(2020, 2, 16, 12, 0), code: "A"),
                Seen(type: .bindReminder, at: .cst(2020, 2, 27, 12, 0), code: "A"),
                Seen(type: .bindReminder, at: .cst(2020, 2, 29, 12, 0), code: "A"),
                Seen(type: .codeLapsed, at: .cst(2020, 3, 1, 12, 0), code: "A"),
                Seen(type: .feeRenewed, at: .cst(2020, 5, 1, 15, 0), code: ""),
            ])
            // The renewal's gift code: issued, reminded three times, lapsed.
            #expect(events.filter { $0.codeID != codeA.codeID && !$0.codeID.isEmpty }.map(\.type)
                == [.codeIssued, .bindReminder, .bindReminder, .bindReminder, .codeLapsed])
            // Read again after another restart: the same feed.
            await system.kill9("activation")
            try await system.start("activation")
            #expect(try await Self.feed(a).map(\.eventID) == events.map(\.eventID))
        }
    }

    @Test func anotherAccountsFeedIsNotYours() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let a = try await system.approvedEnterprise("feed-owner")
            let b = try await system.approvedEnterprise("feed-other")
            _ = try await a.buyAnnualFee(key: "fee-a")
            _ = try await a.waitForCodes(1)
            let aEvents = try await Self.feed(a)
            #expect(aEvents.map(\.type) == [.applicationDecided, .feeBought, .codeIssued])
            // B's feed holds B's approval only, even read from A's cursors; an operator sees A's.
            let bEvents = try await eventually("B's approval in its feed") {
                let events = try await Self.feed(b)
                return events.isEmpty ? nil : events
            }
            #expect(bEvents.map(\.type) == [.applicationDecided])
            #expect(bEvents.allSatisfy { $0.accountID == b.accountID })
            for cursor in aEvents.map(\.cursor) {
                #expect(try await Self.feed(b, after: cursor).allSatisfy { $0.accountID == b.accountID })
            }
            let asOperator = try await system.activation(operator: true).listAnyAccountEvents(
                ActivationV1.ListAnyAccountEventsRequest(accountID: a.accountID))
            #expect(asOperator.events.map(\.eventID) == aEvents.map(\.eventID))
            // The operator method is not on the public socket; a bad cursor is refused.
            let publicRefusal = await refusal {
                try await system.activation().listAnyAccountEvents(
                    ActivationV1.ListAnyAccountEventsRequest(accountID: a.accountID))
            }
            #expect(publicRefusal?.code == .permissionDenied || publicRefusal?.code == .unimplemented)
            let badCursor = await refusal {
                try await system.activation().listAccountEvents(
                    ActivationV1.ListAccountEventsRequest(after: "-1"), metadata: a.metadata)
            }
            #expect(badCursor?.code == .invalidArgument)
        }
    }

    @Test func paidBroadcastsStartAndEndInTheFeedTrialsDoNot() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let a = try await system.approvedEnterprise("feed-broadcasts")
            _ = try await a.buyAnnualFee(key: "fee-2020")
            let code = try #require(try await a.waitForCodes(1).first)
            try system.setClock(.cst(2020, 2, 1, 12, 0))
            _ = try await a.bind(code, device: "phone-a", wechat: "wx-a")

            // A broadcast the host ends, one that reaches its 4 hours, and a trial (no account).
            try system.setClock(.cst(2020, 2, 1, 20, 0))
            let first = try #require(try await a.startBroadcast(with: code, device: "phone-a", wechat: "wx-a").broadcast)
            try system.setClock(.cst(2020, 2, 1, 21, 0))
            _ = try await system.roomSession().endBroadcast(
                SessionV1.HostedBroadcastRequest(broadcastID: first.broadcastID), metadata: a.metadata)
            _ = try await system.roomSession().startTrialBroadcast(
                SessionV1.StartTrialBroadcastRequest(deviceID: "phone-t", wechatOpenid: "wx-t"))
            try system.setClock(.cst(2020, 2, 2, 8, 0))
            let second = try #require(try await a.startBroadcast(with: code, device: "phone-a", wechat: "wx-a").broadcast)
            try system.setClock(.cst(2020, 2, 2, 12, 0))

            // Room-session's outbox delivers them, and the sweep ends the second at its 4 hours.
            let broadcastEvents = try await eventually("both broadcasts started and ended in the feed") {
                let events = try await Self.feed(a).filter { !$0.broadcastID.isEmpty }
                return events.count == 4 ? events : nil
            }
            #expect(broadcastEvents.map(\.type) == [.broadcastStarted, .broadcastEnded, .broadcastStarted, .broadcastEnded])
            #expect(broadcastEvents.map(\.broadcastID)
                == [first.broadcastID, first.broadcastID, second.broadcastID, second.broadcastID])
            #expect(broadcastEvents.map(\.occurredAtMs) == [
                .cst(2020, 2, 1, 20, 0), .cst(2020, 2, 1, 21, 0), .cst(2020, 2, 2, 8, 0), .cst(2020, 2, 2, 12, 0),
            ])
            #expect(broadcastEvents.allSatisfy { $0.codeID == code.codeID && $0.codeMasked == code.codeMasked })
            #expect(broadcastEvents[0].deadlineMs == .cst(2020, 2, 2, 0, 0))
            #expect(broadcastEvents[0].text.contains("20,000 viewers"))
            #expect(broadcastEvents[1].text.contains("the host ended it"))
            #expect(broadcastEvents[3].text.contains("4 hours"))
            #expect(Set(try await Self.feed(a).map(\.eventID)).count == (try await Self.feed(a)).count)
        }
    }

    @Test func killingBillingAndRoomSessionWithEventsInTheirOutboxesLosesAndDuplicatesNone() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let a = try await system.approvedEnterprise("feed-outboxes")
            _ = try await a.buyAnnualFee(key: "fee-2020")
            let code = try #require(try await a.waitForCodes(1).first)
            try system.setClock(.cst(2020, 2, 1, 12, 0))
            _ = try await a.bind(code, device: "phone-a", wechat: "wx-a")
            let broadcast = try #require(try await a.startBroadcast(with: code, device: "phone-a", wechat: "wx-a").broadcast)
            _ = try await eventually("the start in the feed") {
                try await Self.feed(a).contains { $0.type == .broadcastStarted } ? true : nil
            }

            // Activation goes down; the broadcast's end and a renewal wait in room-session's and
            // billing's outboxes, and both are killed before they could deliver anything.
            await system.kill9("activation")
            try system.setClock(.cst(2020, 2, 1, 13, 0))
            _ = try await system.roomSession().endBroadcast(
                SessionV1.HostedBroadcastRequest(broadcastID: broadcast.broadcastID), metadata: a.metadata)
            try system.setClock(.cst(2020, 5, 1, 15, 0))
            _ = try await a.buyAnnualFee(key: "fee-renewal")
            // (room-session's metrics show the end waiting, as of its next radar flush)
            _ = try await eventually("room-session's outbox backlog in its metrics") {
                let metrics = try await MetricsV1.MetricsService.Client(system.client("room-session", operator: true))
                    .get(.init()).prometheusText
                return metrics.contains("huanju_outbox_backlog{service=\"room-session\"} 1") ? true : nil
            }
            // (and its operator status lists it, with why it waits)
            let waiting = try await system.roomSession(operator: true).getOutboxStatus(.init())
            #expect(waiting.backlog == 1)
            #expect(waiting.waiting.map(\.messageID) == ["\(broadcast.broadcastID)/ended"])
            #expect(waiting.waiting.first?.partition == a.accountID)
            #expect(waiting.recent.map(\.messageID) == ["\(broadcast.broadcastID)/started"])
            await system.kill9("billing")
            await system.kill9("room-session")
            try await system.start("billing")
            try await system.start("room-session")
            try await system.start("activation")

            let events = try await eventually("the end and the renewal in the feed") {
                let events = try await Self.feed(a)
                let delivered = events.contains { $0.type == .broadcastEnded }
                    && events.filter { $0.type == .codeIssued }.count == 2
                return delivered ? events : nil
            }
            #expect(Set(events.map(\.eventID)).count == events.count)
            _ = try await eventually("room-session's outbox empty") {
                try await system.roomSession(operator: true).getOutboxStatus(.init()).backlog == 0 ? true : nil
            }
            // Each once: what came before the outage in order; then the broadcast's end (room-session's
            // relay) and the renewal with its gift code (billing's, in order), the two relays in
            // either order.
            let types = events.map(\.type)
            #expect(Array(types.prefix(5)) == [.applicationDecided, .feeBought, .codeIssued, .codeBound, .broadcastStarted])
            let after = Array(types.dropFirst(5))
            #expect(after.count == 3, "\(types)")
            #expect(after.filter { $0 == .broadcastEnded }.count == 1, "\(types)")
            #expect(after.filter { $0 != .broadcastEnded } == [.feeRenewed, .codeIssued], "\(types)")
        }
    }
}
