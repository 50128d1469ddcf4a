/// The check symbol of a code secret: a weighted sum over GF(32), written as one more
/// Crockford base32 symbol.
///
/// With data symbols v₀ … vₙ₋₁ (n ≤ 30) and α a generator of GF(32)* (the field built on the
/// primitive polynomial x⁵ + x² + 1), the check is c = Σ αⁱ⁺¹·vᵢ, and position n (the check
/// itself) has weight α⁰ = 1. All n + 1 weights are distinct and non-zero, so:
/// - any single substitution changes the sum by d·w with d ≠ 0, w ≠ 0: never zero in a field;
/// - any transposition of two different adjacent symbols a, b changes it by (a − b)(wᵢ − wᵢ₊₁),
///   again a product of two non-zeros.
/// Both kinds of typo are therefore always detected. Unlike Crockford's mod-37 check, the
/// check stays inside the 32-symbol alphabet (no `*~$=U`).
enum CodeCheckSymbol {
    /// The check value (0…31) for `data` (values 0…31).
    static func compute(_ data: some BidirectionalCollection<UInt8>) -> UInt8 {
        // Horner: c = α·(v₀ + α·(v₁ + α·(… + α·vₙ₋₁)))
        var accumulator: UInt8 = 0
        for value in data.reversed() {
            accumulator = timesAlpha(accumulator ^ (value & 31))
        }
        return accumulator
    }

    /// Multiplication by α in GF(32) = GF(2)[x] / (x⁵ + x² + 1).
    private static func timesAlpha(_ value: UInt8) -> UInt8 {
        let shifted = value << 1
        return shifted & 0x20 != 0 ? shifted ^ 0x25 : shifted
    }
}
