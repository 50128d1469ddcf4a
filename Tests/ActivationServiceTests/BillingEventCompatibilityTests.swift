import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// proto3's contract with a newer billing (README "Protocol"): a field activation does not
/// know is skipped; a change or a code kind it does not know is refused FAILED_PRECONDITION
/// without claiming the event id, so billing's relay parks that account only and retries
/// until activation is upgraded; an event broken whoever reads it is INVALID_ARGUMENT, also
/// unclaimed.
///
/// `BillingEvent` has one enum, `codes_ordered.kind`, and it matters (it decides each code's
/// capacity): no field of it holds an enum whose unknown value activation could ignore.
@Suite struct BillingEventCompatibilityTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    /// `event` as billing encodes it, with `extra` appended (fields this build does not know).
    static func bytes(_ event: ActivationV1.BillingEvent, appending extra: ProtoBytes) -> [UInt8] {
        event.serializedBytes() + extra.bytes
    }

    @Test func anEventCarryingFieldsThisBuildDoesNotKnowIsAppliedAndAcknowledged() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given an order event from a newer billing: field 99 on the event, field 7 inside codes_ordered
            var order = ActivationV1.CodesOrdered(
                orderID: "ord-new", kind: .standard, quantity: 2, addonGroupsPerCode: 1,
                issuedAtMs: Self.purchase.unixMilliseconds).serializedBytes()
            var orderExtra = ProtoBytes()
            orderExtra.append(field: 7, lengthDelimited: Array("a newer field".utf8))
            order += orderExtra.bytes
            var extra = ProtoBytes()
            extra.append(field: 11, lengthDelimited: order)
            extra.append(field: 99, varint: 42)
            let envelope = ActivationV1.BillingEvent(
                eventID: "evt-newer", accountID: "acc_A", occurredAtMs: Self.purchase.unixMilliseconds)
            let payload = Self.bytes(envelope, appending: extra)
            // When it is delivered
            let answer = try await service.deliver(bytes: payload)
            // Then it is acknowledged as applied, and the codes are issued as ordered
            #expect(answer.status == .ok, "\(answer.message)")
            #expect(try ActivationV1.BillingEventAck(serializedBytes: answer.payload).appliedNow)
            let codes = try await service.codes(of: "acc_A")
            #expect(codes.count == 2 && codes.allSatisfy { $0.kind == .standard && $0.capacity == 300 && $0.orderID == "ord-new" })
            // And delivered again it is a redelivery
            let again = try await service.deliver(bytes: payload)
            #expect(again.status == .ok)
            #expect(!(try ActivationV1.BillingEventAck(serializedBytes: again.payload).appliedNow))
        }
    }

    @Test func anEventWhoseChangeThisBuildDoesNotKnowIsRefusedAndNotClaimed() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given an event whose change is field 99 of the oneof (a member a newer billing added)
            var newer = ProtoBytes()
            var member = ProtoBytes()
            member.append(field: 1, lengthDelimited: Array("something new".utf8))
            newer.append(field: 99, lengthDelimited: member.bytes)
            let envelope = ActivationV1.BillingEvent(
                eventID: "evt-99", accountID: "acc_A", occurredAtMs: Self.purchase.unixMilliseconds)
            // When it is delivered, Then FAILED_PRECONDITION: activation must be upgraded
            let answer = try await service.deliver(bytes: Self.bytes(envelope, appending: newer))
            #expect(answer.status == .failedPrecondition)
            #expect(answer.message.hasPrefix(
                "billing event evt-99 carries a change this activation does not know; upgrade activation"), "\(answer.message)")
            // And an event carrying no change at all is refused in the same words
            await expectRefusal(
                .failedPrecondition, "billing event evt-99 carries a change this activation does not know; upgrade activation"
            ) {
                try await service.deliver(envelope)
            }
            // And the id was not claimed: once billing sends a change activation knows under it, it applies
            #expect(try await service.codes(of: "acc_A").isEmpty)
            let applied = try await service.deliver(
                ActivationHarness.codesEvent("acc_A", issuedAt: Self.purchase, eventID: "evt-99"))
            #expect(applied.appliedNow)
            #expect(try await service.codes(of: "acc_A").count == 1)
        }
    }

    @Test func anEventOfACodeKindThisBuildDoesNotKnowIsRefusedNamingItAndNotClaimed() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given an order of codes of kind 9, which this build does not know (it decodes)
            let event = ActivationHarness.codesEvent("acc_A", kind: .unrecognized(9), issuedAt: Self.purchase, eventID: "evt-k9")
            let decoded = try ActivationV1.BillingEvent(serializedBytes: event.serializedBytes())
            guard case .codesOrdered(let order) = decoded.change else {
                Issue.record("the order did not survive encoding: \(decoded)")
                return
            }
            #expect(order.kind == .unrecognized(9))
            // When it is delivered, Then FAILED_PRECONDITION naming the kind: its capacity is unknown
            await expectRefusal(.failedPrecondition, "billing event evt-k9", "unknown code kind 9", "upgrade activation") {
                try await service.deliver(event)
            }
            // And nothing was issued, and the id was not claimed
            #expect(try await service.codes(of: "acc_A").isEmpty)
            #expect(try await service.reportCodes("acc_A", kind: .standard, issuedAt: Self.purchase, eventID: "evt-k9").appliedNow)
            #expect(try await service.codes(of: "acc_A").map(\.kind) == [.standard])
        }
    }

    /// An event broken whoever reads it, and what the refusal says.
    struct BrokenEvent: Sendable, CustomTestStringConvertible {
        let what: String
        let event: ActivationV1.BillingEvent
        let refusal: String

        var testDescription: String { what }

        static let purchase = BillingEventCompatibilityTests.purchase.unixMilliseconds

        static func codes(
            account: String = "acc_A", kind: ActivationV1.CodeKind = .flagship, quantity: UInt32 = 1, addonGroups: UInt32 = 0,
            issuedAtMs: Int64 = purchase, orderID: String = "ord-1", eventID: String = "evt-broken"
        ) -> ActivationV1.BillingEvent {
            ActivationV1.BillingEvent(
                eventID: eventID, accountID: account, occurredAtMs: purchase,
                change: .codesOrdered(.init(
                    orderID: orderID, kind: kind, quantity: quantity, addonGroupsPerCode: addonGroups, issuedAtMs: issuedAtMs)))
        }

        static func paid(ticket: String, groups: UInt32) -> ActivationV1.BillingEvent {
            ActivationV1.BillingEvent(
                eventID: "evt-broken", accountID: "acc_A", occurredAtMs: purchase,
                change: .expansionPaid(.init(ticketID: ticket, codeID: "code_1", groups: groups, paidAtMs: purchase)))
        }

        static let all: [BrokenEvent] = [
            BrokenEvent(what: "no event id", event: codes(eventID: ""), refusal: "needs an event_id"),
            BrokenEvent(what: "no account id", event: codes(account: ""), refusal: "needs the account_id"),
            BrokenEvent(what: "no code kind", event: codes(kind: .unspecified), refusal: "codes_ordered needs a kind"),
            BrokenEvent(what: "no codes", event: codes(quantity: 0), refusal: "quantity must be 1–100, got 0"),
            BrokenEvent(what: "too many codes", event: codes(quantity: 101), refusal: "quantity must be 1–100, got 101"),
            BrokenEvent(what: "too many add-on groups", event: codes(addonGroups: 10_001), refusal: "add-on groups per code, got 10001"),
            BrokenEvent(what: "no order id", event: codes(orderID: ""), refusal: "codes_ordered needs the order_id"),
            BrokenEvent(what: "an instant out of range", event: codes(issuedAtMs: .max), refusal: "outside the supported range"),
            BrokenEvent(what: "no expansion groups", event: paid(ticket: "tkt_1", groups: 0),
                        refusal: "expansion groups must be 1–10000, got 0"),
            BrokenEvent(what: "no ticket id", event: paid(ticket: "", groups: 1), refusal: "needs a ticket_id and a code_id"),
            BrokenEvent(
                what: "an empty fee term",
                event: ActivationV1.BillingEvent(
                    eventID: "evt-broken", accountID: "acc_A", occurredAtMs: purchase,
                    change: .feeTermsChanged(.init(terms: [.init(startMs: purchase, endMs: purchase)]))),
                refusal: "a fee term must end after it starts"),
        ]
    }

    @Test(arguments: BrokenEvent.all)
    func aStructurallyBrokenEventIsInvalidArgumentAndNotClaimed(_ broken: BrokenEvent) async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given an event broken whoever reads it
            // When it is delivered, Then INVALID_ARGUMENT saying what is wrong
            await expectRefusal(.invalidArgument, broken.refusal) { try await service.deliver(broken.event) }
            // And nothing changed, and its id was not claimed: a corrected event under it applies
            let codes = try await service.codes(of: "acc_A")
            #expect(codes.isEmpty)
            if !broken.event.eventID.isEmpty {
                let corrected = try await service.reportCodes("acc_A", issuedAt: Self.purchase, eventID: broken.event.eventID)
                #expect(corrected.appliedNow)
            }
        }
    }
}
