import HuanjuDomain
import Testing

@Suite("RULES §6 — expansion of an existing code")
struct ExpansionTicketTests {
    /// Every transition, by name.
    enum Action: CaseIterable {
        case approve, reject, pay, apply
    }

    /// Performs `action` on `ticket` with a fee active at the time and an ACTIVE code.
    static func perform(_ action: Action, on ticket: inout ExpansionTicket) throws {
        let fee = try feeBought(at: seedFeeStart)
        switch action {
        case .approve: try ticket.approve()
        case .reject: try ticket.reject(reason: "capacity plan unclear")
        case .pay: try ticket.pay(at: .cst(2020, 6, 1), fee: fee, codeStatus: .active)
        case .apply: try ticket.apply()
        }
    }

    @Test func expansionGoesThroughReviewPaymentAndApplication() throws {
        // Given a bound code and an active fee
        let fee = try feeBought(at: seedFeeStart)
        var code = try ActivationCode(kind: .flagship, issuedAt: seedFeeStart)
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1), fee: fee)
        let validity = code.validityEnd
        // When a ticket for 3 groups is opened, approved, paid and applied
        var ticket = try ExpansionTicket.open(groups: 3, codeStatus: code.status(at: .cst(2020, 5, 1), fee: fee), at: .cst(2020, 5, 1))
        #expect(ticket.state == .pendingReview)
        try ticket.approve()
        #expect(ticket.state == .approved)
        #expect(try ticket.quote().total == 3_000_000)
        try ticket.pay(at: .cst(2020, 5, 2), fee: fee, codeStatus: code.status(at: .cst(2020, 5, 2), fee: fee))
        #expect(ticket.state == .paid)
        try ticket.apply()
        try code.applyExpansion(groups: ticket.groups)
        // Then it is APPLIED, the code holds 300 more viewers, and its validity is unchanged
        #expect(ticket.state == .applied)
        #expect(ticket.addedViewers == 300)
        #expect(code.capacity == 20_300)
        #expect(code.validityEnd == validity)
    }

    @Test func everyIllegalExpansionTransitionIsRefused() throws {
        // Given a ticket in each state
        let states: [ExpansionTicketState] = [.pendingReview, .approved, .rejected(reason: "no"), .paid, .applied]
        let legal: [String: Set<String>] = [
            "PENDING_REVIEW": ["approve", "reject"], "APPROVED": ["pay"], "PAID": ["apply"],
        ]
        for state in states {
            for action in Action.allCases {
                var ticket = try ExpansionTicket(groups: 1, openedAt: .cst(2020, 5, 1), state: state)
                let isLegal = legal[state.name, default: []].contains("\(action)")
                // When the action is tried
                if isLegal {
                    // Then a legal one succeeds
                    try Self.perform(action, on: &ticket)
                    #expect(ticket.state != state)
                } else {
                    // Then an illegal one is refused, naming the current state, and the state is kept
                    expectDomainError(.failedPrecondition, "is \(state.name), it must be") {
                        try Self.perform(action, on: &ticket)
                    }
                    #expect(ticket.state == state)
                }
            }
        }
    }

    @Test func expansionNeedsAtLeastOneGroupOfOneHundred() {
        // Given a request for zero or too many groups / When opened / Then refused as invalid
        expectDomainError(.invalidArgument, "between 1 and 10,000") {
            _ = try ExpansionTicket.open(groups: 0, codeStatus: .active, at: .cst(2020, 5, 1))
        }
        expectDomainError(.invalidArgument) {
            _ = try ExpansionTicket.open(groups: 10_001, codeStatus: .active, at: .cst(2020, 5, 1))
        }
    }

    @Test func expansionCannotBeOpenedForALapsedOrExpiredCode() throws {
        // Given codes in each status
        for status in CodeStatus.allCases {
            // When a ticket is opened
            if status == .lapsed || status == .expired {
                // Then a LAPSED or EXPIRED code is refused: it could never be paid
                expectDomainError(.failedPrecondition, status.rawValue, "buy a new code") {
                    _ = try ExpansionTicket.open(groups: 1, codeStatus: status, at: .cst(2020, 5, 1))
                }
            } else {
                // And any other status opens a ticket
                #expect(try ExpansionTicket.open(groups: 1, codeStatus: status, at: .cst(2020, 5, 1)).state == .pendingReview)
            }
        }
    }

    @Test func expansionPaymentNeedsTheFeeActiveAndTheCodeNotLapsedOrExpired() throws {
        // Given an approved ticket and the seed fee (ended 2020-12-31 12:00)
        let fee = try feeBought(at: seedFeeStart)
        var ticket = try ExpansionTicket(groups: 2, openedAt: .cst(2020, 5, 1), state: .approved)
        // When paid after the fee ended / Then refused, naming the end
        expectDomainError(.failedPrecondition, "2020-12-31 12:00 CST", "renew") {
            try ticket.pay(at: .cst(2021, 1, 2), fee: fee, codeStatus: .suspended)
        }
        // When paid for an EXPIRED or LAPSED code / Then refused
        expectDomainError(.failedPrecondition, "EXPIRED") { try ticket.pay(at: .cst(2020, 6, 1), fee: fee, codeStatus: .expired) }
        expectDomainError(.failedPrecondition, "LAPSED") { try ticket.pay(at: .cst(2020, 6, 1), fee: fee, codeStatus: .lapsed) }
        #expect(ticket.state == .approved)
        // When paid while the fee is active for an UNBOUND code / Then it is PAID
        try ticket.pay(at: .cst(2020, 6, 1), fee: fee, codeStatus: .unbound)
        #expect(ticket.state == .paid)
    }
}
