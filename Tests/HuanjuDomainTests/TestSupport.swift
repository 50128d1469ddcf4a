import HuanjuDomain
import Testing

/// Runs `body` and checks that it throws a `DomainError` with `code` whose message contains
/// every fragment.
func expectDomainError(
    _ code: DomainError.Code, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\"\(error.message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a DomainError, got \(error)", sourceLocation: sourceLocation)
    }
}

/// A deterministic generator (SplitMix64) for reproducible secrets in tests.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A schedule with one first purchase at `boughtAt`.
func feeBought(at boughtAt: Instant) throws -> FeeSchedule {
    var fee = FeeSchedule()
    try fee.purchase(at: boughtAt)
    return fee
}

/// The seed account's fee: bought 2020-01-01 12:00, so active until 2020-12-31 12:00.
let seedFeeStart = Instant.cst(2020, 1, 1, 12, 0)

/// A device id and WeChat openid pair used by the host in tests.
let hostDevice = "phone-1"
let hostWechat = "wx-openid-1"
