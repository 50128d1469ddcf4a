import Foundation
import HuanjuRuntime

extension WebhookReceiver.Received {
    /// Whether the `Huanju-Signature` header verifies with `secret` the way README tells a
    /// receiver to check it: `t=<seconds>,v1=<hex>`, v1 = HMAC-SHA256 keyed with the secret's
    /// UTF-8 over "<t>." followed by the body as received, compared in constant time.
    public func signatureVerifies(secret: String) -> Bool {
        guard let header = headers["huanju-signature"] else { return false }
        var timestamp: String?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return false }
            if pair[0] == "t" { timestamp = pair[1] }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, Int64(timestamp) != nil, !signatures.isEmpty else { return false }
        let expected = Array(Digest.hex(Digest.hmacSHA256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)).utf8)
        return signatures.contains { Digest.constantTimeEquals(Array($0.utf8), expected) }
    }

    /// The signature's timestamp (Unix seconds), if the header has one.
    public var signatureTimestamp: Int64? {
        headers["huanju-signature"]?.split(separator: ",").first { $0.hasPrefix("t=") }.flatMap { Int64($0.dropFirst(2)) }
    }

    /// The body as a JSON object (nil if it is not one).
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// The body's event id (`id`).
    public var eventID: String? { json?["id"] as? String }

    /// The body's event type (`type`).
    public var eventType: String? { json?["type"] as? String }
}

extension Array where Element == String {
    /// The ids with each run of repeats kept once: what an at-least-once delivery in order
    /// (a redelivery comes right after the delivery it repeats) reads as, once de-duplicated.
    public func withoutConsecutiveRepeats() -> [String] {
        reduce(into: []) { kept, id in if kept.last != id { kept.append(id) } }
    }
}
