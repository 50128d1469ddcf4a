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
        // A BillingEvent carries one change (a oneof in proto/): each of the three round-trips
        #expect(try Self.roundTrips(BillingEvent(
            eventId: "order_1/fee-terms", accountId: "acc_1", occurredAtMs: Self.start,
            feeTermsChanged: FeeTermsChanged(terms: [FeeTermMessage(startMs: Self.start, endMs: Self.start.adding(hours: 1))]))))
        #expect(try Self.roundTrips(BillingEvent(
            eventId: "order_1/codes", accountId: "acc_1", occurredAtMs: Self.start,
            codesOrdered: CodesOrdered(orderId: "order_1", kind: .flagship, quantity: 2, addonGroupsPerCode: 1,
                                       issuedAtMs: Self.start, gift: false))))
        #expect(try Self.roundTrips(BillingEvent(
            eventId: "t/paid", accountId: "acc_1", occurredAtMs: Self.start,
            expansionPaid: ExpansionPaid(ticketId: "t", codeId: "c", groups: 100, paidAtMs: Self.start))))
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

/// The viewer path's direct protobuf-c encodings agree with the generic bridge.
@Suite struct ViewerDirectEncodingTests {
    static let requests = [
        ViewerRequest(broadcastId: "bc_7Q3K9M2XH4TDW8RB", viewerId: "wx_0123456789abcdef"),
        ViewerRequest(broadcastId: "", viewerId: ""),
        ViewerRequest(broadcastId: "直播", viewerId: "观众-1"),
    ]
    static let responses = [
        ViewerResponse(presentViewers: 30_000, viewerLimit: 30_000, leaseExpiresAtMs: Instant.cst(2020, 5, 2, 10, 1)),
        ViewerResponse(presentViewers: 0, viewerLimit: 0, leaseExpiresAtMs: Instant(unixMilliseconds: 0)),
    ]

    @Test func directAndBridgeEncodingsAreByteIdentical() throws {
        for request in Self.requests {
            #expect(try request.serializedBytes() == request.bridgeSerializedBytes())
        }
        for response in Self.responses {
            #expect(try response.serializedBytes() == response.bridgeSerializedBytes())
        }
    }

    @Test func eachDecodesTheOthersBytes() throws {
        for request in Self.requests {
            #expect(try ViewerRequest(serializedBytes: request.bridgeSerializedBytes()) == request)
            let direct = try request.serializedBytes()
            #expect(try direct.withUnsafeBytes { try ViewerRequest(bridgeDecoding: $0) } == request)
        }
        for response in Self.responses {
            #expect(try ViewerResponse(serializedBytes: response.bridgeSerializedBytes()) == response)
        }
    }

    @Test func malformedViewerRequestsAreRefused() {
        #expect(throws: RPCError.self) { try ViewerRequest(serializedBytes: [0xFF, 0xFF]) }
        #expect(throws: RPCError.self) { try ViewerRequest(serializedBytes: [0x12, 0x02, 0xC3, 0x28]) } // invalid UTF-8
    }
}
