import HuanjuRuntime

/// A webhook's signing secret: `whsec_` and 64 lowercase hexadecimal digits (256 bits from the
/// system's cryptographic generator). It is the HMAC-SHA256 key of every signature, as its
/// UTF-8 text, prefix included — a shared secret, not a password: activation must read it back
/// to sign, so it is stored as is (README "Webhooks").
enum WebhookSecret {
    static let prefix = "whsec_"

    /// A new secret.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            let word = generator.next() as UInt64
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return prefix + Digest.hex(bytes)
    }
}
