import HuanjuDomain
import Testing

@testable import RoomSessionService

@Suite("Presence engine — viewer ids and their memory")
struct ViewerIDTests {
    @Test func viewerIdMustBeNonEmptyShortAndPrintable() throws {
        // Given a live room
        let engine = try engineWithRoom(limit: 10)
        let now = broadcastStart
        // When ids are empty, longer than 128 bytes, or hold a control character / Then INVALID_ARGUMENT
        expectDomainError(.invalidArgument, "viewer id is required") { try engine.join(room: "room-1", viewer: "", now: now) }
        expectDomainError(.invalidArgument, "129 bytes", "at most 128") {
            try engine.join(room: "room-1", viewer: String(repeating: "v", count: 129), now: now)
        }
        for bad in ["a\nb", "tab\there", "del\u{7F}", "c1\u{85}x", "\u{0}"] {
            expectDomainError(.invalidArgument, "control character") { try engine.heartbeat(room: "room-1", viewer: bad, now: now) }
        }
        // And 128 bytes of printable UTF-8, spaces and non-ASCII letters are accepted
        _ = try engine.join(room: "room-1", viewer: String(repeating: "观", count: 42) + "xy", now: now)
        _ = try engine.join(room: "room-1", viewer: "访客 Ωmega", now: now)
        #expect(try engine.snapshot(room: "room-1", now: now).presentCount == 2)
    }

    @Test func everyIdReadsBackExactlyAsSent() throws {
        // Given wx-shaped ids (kept as 64-bit values), look-alikes and other ids (kept as text)
        let ids = ["wx_0123456789abcdef", "wx_0000000000000000", "wx_ffffffffffffffff", "wx_0123456789ABCDEF",
                   "wx_0123456789abcde", "wx_0123456789abcdef0", "wx-0123456789abcdef", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"]
        let engine = try engineWithRoom(limit: 10)
        for id in ids { _ = try engine.join(room: "room-1", viewer: id, now: broadcastStart) }
        // When the radar lists them / Then each id is exactly as sent, and each counted once
        let radar = try engine.radar(room: "room-1", now: broadcastStart + .seconds(1))
        #expect(radar.viewers.map(\.viewerID) == ids)
        #expect(try ViewerID(validating: "wx_0123456789abcdef") == .compact(0x0123_4567_89AB_CDEF))
        #expect(try ViewerID(validating: "wx_0123456789ABCDEF") == .other("wx_0123456789ABCDEF"))
    }

    @Test func presentViewerCostsAtMost64BytesWithItsRadarState() throws {
        // Given a room of 20,000 filled with wx_ viewers (issue 7's shape), changes drained
        let engine = try engineWithRoom(limit: 20_000)
        for number in 0..<20_000 { _ = try engine.join(room: "room-1", viewer: wx(number &* 7919), now: broadcastStart) }
        _ = engine.drainChanges()
        // When the engine's buffers are measured / Then a present viewer costs at most 64 bytes
        let perViewer = Double(engine.footprintBytes()) / 20_000
        #expect(perViewer <= 64, "\(perViewer) bytes per viewer")
        #expect(MemoryLayout<ViewerRecord>.stride == 36)
    }
}
