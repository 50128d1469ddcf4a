@testable import ActivationService
import HuanjuRuntime
import Testing

/// The signature a receiver checks: HMAC-SHA256 keyed with the secret's text over
/// "<t>.<body>", as `t=…,v1=…` (Stripe's scheme).
@Suite struct WebhookSignatureTests {
    @Test func hmacSHA256MatchesRFC4231TestCase2() {
        // Given RFC 4231's test case 2
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        // Then libcrypto's HMAC gives the published value
        #expect(Digest.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func theHeaderSignsTheTimestampAFullStopAndTheBodyWithTheWholeSecret() {
        // Given a secret, a timestamp and a body
        let secret = "whsec_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
        let body = Array(#"{"account_id":"acc_A","created":1577851200,"id":"fee:evt_1","type":"fee.bought"}"#.utf8)
        // When the header is made
        let header = WebhookSignature.value(secret: secret, timestamp: 1_577_851_200, body: body)
        // Then it is what Python's hmac computes independently:
        // hmac.new(secret.encode(), b"1577851200." + body, hashlib.sha256).hexdigest()
        #expect(header == "t=1577851200,v1=18e99397c64d4ac008b3319c47342610ee78af062b17b4817e606396accc6335")
    }

    @Test func anotherSecretTimestampOrBodyGivesAnotherSignature() {
        let secret = WebhookSecret.make()
        let body = Array(#"{"id":"x"}"#.utf8)
        let signature = WebhookSignature.mac(secret: secret, timestamp: 100, body: body)
        #expect(WebhookSignature.mac(secret: WebhookSecret.make(), timestamp: 100, body: body) != signature)
        #expect(WebhookSignature.mac(secret: secret, timestamp: 101, body: body) != signature)
        #expect(WebhookSignature.mac(secret: secret, timestamp: 100, body: Array(#"{"id":"y"}"#.utf8)) != signature)
    }

    @Test func aSecretIsWhsecAnd256RandomBitsInHex() {
        // When secrets are made
        let secrets = (0..<50).map { _ in WebhookSecret.make() }
        // Then each is "whsec_" and 64 lowercase hex digits, and no two are alike
        for secret in secrets {
            #expect(secret.hasPrefix("whsec_") && secret.utf8.count == 70)
            #expect(secret.dropFirst(6).allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set(secrets).count == secrets.count)
    }
}
