import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// SERVICES.md: a restart keeps codes, bindings, expansions and the inbox.
@Suite struct PersistenceTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    @Test func codesBindingsAndAppliedEventsSurviveReopeningTheDatabase() async throws {
        let directory = TemporaryDirectory.make("hja")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock(Self.purchase)
        // Given a bound gift code, a pending expansion and an applied order event
        let gift = try await ActivationHarness.serving(in: directory, clock: clock) { service in
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            try await service.bind("acc_A", gift.code)
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_P", code: gift.codeID, groups: 1)
            try await service.reportCodes("acc_A", issuedAt: Self.purchase, eventID: "evt-order")
            return gift
        }
        // When the service starts again on the same data directory
        try await ActivationHarness.serving(in: directory, clock: clock) { service in
            // Then the code, its binding and its text are there
            let code = try await service.code(gift.codeID, of: "acc_A")
            #expect(code.code == gift.code)
            #expect(code.binding?.deviceID == "dev-1" && code.status == .active)
            #expect(try await service.codes(of: "acc_A").count == 2)
            // And the redelivered order still changes nothing
            #expect(!(try await service.reportCodes("acc_A", issuedAt: Self.purchase, eventID: "evt-order").appliedNow))
            // And the expansion can still be applied
            let applied = try await service.operators.applyExpansion(.init(ticketID: "tkt_P"))
            #expect(applied.code?.capacity == 20_100)
        }
    }
}
