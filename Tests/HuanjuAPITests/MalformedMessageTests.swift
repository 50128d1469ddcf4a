import HuanjuAPI
import HuanjuWire
import Testing

/// Bytes that are not a message of proto/ are refused with `WireCodingError`, never read as a
/// half-filled message.
@Suite struct MalformedMessageTests {
    @Test func aTruncatedViewerRequestIsRefused() {
        // A varint key that never ends
        #expect(throws: WireCodingError.self) { try SessionV1.ViewerRequest(serializedBytes: [0xFF, 0xFF]) }
        // Field 1 announces 9 bytes; 1 follows
        #expect(throws: WireCodingError.self) { try SessionV1.ViewerRequest(serializedBytes: [0x0A, 0x09, 0x41]) }
    }
}
