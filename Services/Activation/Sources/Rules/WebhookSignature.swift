import HuanjuRuntime

/// The `Huanju-Signature` header of a webhook request, after Stripe's scheme:
/// `t=<Unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC keyed with the endpoint's secret (its UTF-8
/// text, `whsec_` included) over `"<t>.<body>"` — the timestamp, a full stop, and the body's
/// bytes exactly as sent. A receiver recomputes it, compares in constant time, and refuses a
/// `t` too far from its own clock (5 minutes, say) so that a captured request cannot be
/// replayed later. `v1` names the scheme: another would come as another key.
enum WebhookSignature {
    /// The header's name.
    static let header = "Huanju-Signature"

    /// The header's value for `body` sent at `timestamp` (Unix seconds).
    static func value(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(mac(secret: secret, timestamp: timestamp, body: body))"
    }

    /// The signature alone: hexadecimal HMAC-SHA256(secret, "<timestamp>.<body>").
    static func mac(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        Digest.hex(Digest.hmacSHA256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body))
    }
}
