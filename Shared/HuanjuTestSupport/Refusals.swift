import HuanjuWire
import Testing

/// The `RPCError` a call fails with, or nil if it succeeds (any other error reads as UNKNOWN).
public func refusal<T>(_ body: () async throws -> T) async -> RPCError? {
    do {
        _ = try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(.unknown, "\(error)")
    }
}

/// Checks that `body` is refused with `code` and a message containing every fragment;
/// returns the message (empty when the call was not refused as expected).
@discardableResult
public func expectRefusal<T>(
    _ code: StatusCode, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> String {
    guard let error = await refusal(body) else {
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
        return ""
    }
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(error.message.contains(fragment), "\"\(error.message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
    }
    return error.message
}
