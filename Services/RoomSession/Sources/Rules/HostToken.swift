import HuanjuRuntime

/// The secret that proves being a broadcast's host: `ht_` and 32 Crockford base-32 symbols
/// (160 bits from the system's cryptographic generator). Only its SHA-256 is stored (a
/// stolen database gives no host access), and a token a caller presents is compared with
/// it in constant time.
enum HostToken {
    /// A new token.
    static func make() -> String {
        let second = Identifier.make("x").dropFirst(2)
        return Identifier.make("ht") + second
    }

    /// What is stored for `token`: its SHA-256 in hexadecimal.
    static func digest(_ token: String) -> String {
        Digest.sha256Hex(token)
    }

    /// Whether `given` is the token whose stored digest is `digest`, in time that does not
    /// depend on how much of it matches.
    static func matches(_ given: String, digest: String) -> Bool {
        Digest.constantTimeEquals(Array(Self.digest(given).utf8), Array(digest.utf8))
    }
}
