import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

/// Every Swift mirror names only fields its proto message has (a renamed or missing field
/// throws), and survives a round trip with every field set.
@Suite struct SessionContractTests {
    static let start = Instant.cst(2020, 5, 1, 15, 0)

    static let broadcast = BroadcastMessage(
        broadcastId: "bc_1", kind: .paid, state: .ended, codeId: "code_1", accountId: "acc_1", viewerLimit: 30_000,
        startedAtMs: start, endsAtMs: start.adding(hours: 4), endedAtMs: start.adding(hours: 1),
        endReason: .hostEnded, presentViewers: 0, peakViewers: 30_000, title: "launch")

    static func roundTrips<M: WireMessage & Equatable>(_ message: M) throws -> Bool {
        try M(serializedBytes: message.serializedBytes()) == message
    }

    @Test func sessionMessagesMatchTheirProto() throws {
        #expect(try Self.roundTrips(Self.broadcast))
        #expect(try Self.roundTrips(StartBroadcastRequest(code: "HJ-X", deviceId: "d", wechatOpenid: "w", title: "t")))
        #expect(try Self.roundTrips(StartTrialBroadcastRequest(deviceId: "d", wechatOpenid: "w", title: "t")))
        #expect(try Self.roundTrips(StartBroadcastResponse(broadcast: Self.broadcast, hostToken: "ht")))
        #expect(try Self.roundTrips(HostedBroadcastRequest(broadcastId: "bc_1", hostToken: "ht")))
        #expect(try Self.roundTrips(ListBroadcastsRequest(pageSize: 5, pageToken: "p")))
        #expect(try Self.roundTrips(ListBroadcastsResponse(broadcasts: [Self.broadcast], nextPageToken: "n")))
        #expect(try Self.roundTrips(ViewerRequest(broadcastId: "bc_1", viewerId: "wx_0123456789abcdef")))
        #expect(try Self.roundTrips(ViewerResponse(presentViewers: 3, viewerLimit: 10, leaseExpiresAtMs: Self.start)))
        #expect(try Self.roundTrips(RadarRequest(broadcastId: "bc_1", hostToken: "ht", pageSize: 2, pageToken: "p")))
        let viewer = RadarViewerMessage(rank: 1, viewerId: "v", firstJoinMs: Self.start, lastSeenMs: Self.start, visits: 2, watchMs: 60_000)
        let totals = RadarTotalsMessage(peakViewers: 2, uniqueViewers: 3, totalWatchMs: 9, startedAtMs: Self.start, endedAtMs: Self.start)
        #expect(try Self.roundTrips(RadarResponse(broadcast: Self.broadcast, totals: totals, viewers: [viewer], nextPageToken: "n", redacted: true)))
    }

    @Test func contractMessagesBetweenServicesMatchTheirProto() throws {
        let event = BillingEvent(
            eventId: "order_1/codes", accountId: "acc_1", occurredAtMs: Self.start,
            feeTermsChanged: FeeTermsChanged(terms: [FeeTermMessage(startMs: Self.start, endMs: Self.start.adding(hours: 1))]),
            codesOrdered: CodesOrdered(orderId: "order_1", kind: .flagship, quantity: 2, addonGroupsPerCode: 1,
                                       issuedAtMs: Self.start, gift: false),
            expansionPaid: ExpansionPaid(ticketId: "t", codeId: "c", groups: 100, paidAtMs: Self.start))
        #expect(try Self.roundTrips(event))
        #expect(try Self.roundTrips(BillingEventAck(appliedNow: true)))
        #expect(try Self.roundTrips(AuthorizeBroadcastRequest(code: "HJ-X", deviceId: "d", wechatOpenid: "w")))
        #expect(try Self.roundTrips(AuthorizeBroadcastResponse(
            codeId: "c", accountId: "a", capacity: 30_000, codeValidUntilMs: Self.start, feeActiveUntilMs: Self.start)))
        #expect(try Self.roundTrips(ActivationEvent(
            eventId: "e", accountId: "a", occurredAtMs: Self.start,
            expansionApplied: ExpansionApplied(ticketId: "t", codeId: "c", groups: 100, appliedAtMs: Self.start))))
        #expect(try Self.roundTrips(ActivationEventAck(appliedNow: false)))
    }

    @Test func anAbsentEventDecodesAsNil() throws {
        let bytes = try BillingEvent(eventId: "e", accountId: "a", occurredAtMs: Self.start).serializedBytes()
        let decoded = try BillingEvent(serializedBytes: bytes)
        #expect(decoded.codesOrdered == nil && decoded.feeTermsChanged == nil && decoded.expansionPaid == nil)
    }
}
