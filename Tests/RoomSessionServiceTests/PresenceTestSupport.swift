import HuanjuDomain
import Testing

@testable import RoomSessionService

/// Runs `body` and checks that it throws a `DomainError` with `code` whose message contains
/// every fragment.
func expectDomainError<T>(
    _ code: DomainError.Code, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        _ = try body()
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

/// The viewer id `wx_` + the 16 hex digits of `number`, as WeChat ids look.
func wx(_ number: Int) -> String {
    ViewerID.format(UInt64(number))
}

/// A broadcast start used throughout: 2020-06-01 10:00 CST, so the 4-hour hard end is 14:00.
let broadcastStart = Instant.cst(2020, 6, 1, 10, 0)

/// An engine with the default 60 s lease and one open room `room` started at `broadcastStart`.
func engineWithRoom(
    _ room: String = "room-1", kind: BroadcastKind = .paid, limit: Int,
    hardEnd: Instant = BroadcastPlan.hardEnd(start: broadcastStart)
) throws -> PresenceEngine {
    let engine = PresenceEngine()
    try engine.openRoom(room, kind: kind, limit: limit, startedAt: broadcastStart, hardEnd: hardEnd)
    return engine
}
