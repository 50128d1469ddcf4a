import NIOCore
import Synchronization

/// A call whose handler awaits, run as a child task of the server's task group. Its
/// deadline is watched by a timer on the connection's event loop (a dedicated thread, so a
/// busy task pool cannot delay it): whichever comes first, the handler's answer or the
/// deadline, is the one answer the caller gets. A handler that overruns is then cancelled
/// (as in gRPC, DEADLINE_EXCEEDED does not mean nothing happened: work already committed
/// stays); its answer, if any, is dropped.
struct CallJob: Sendable {
    let handler: @Sendable ([UInt8], CallContext) async throws -> [UInt8]
    let payload: [UInt8]
    let context: CallContext
    let connection: ConnectionHandle
    let answered: AnsweredOnce
    let deadlineTimer: Scheduled<Void>

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await answer() }
            group.addTask {
                // Cancels an overrunning handler (the answer itself comes from the event loop).
                let remaining = context.deadline - NIODeadline.now()
                try? await Task.sleep(for: .nanoseconds(max(remaining.nanoseconds, 0)))
            }
            await group.next()
            group.cancelAll()
        }
        connection.callFinished()
    }

    private func answer() async {
        let response: ResponseEnvelope
        do {
            response = ResponseEnvelope(callId: context.callId, status: .ok, payload: try await handler(payload, context))
        } catch {
            response = connection.failure(of: context, error)
        }
        // An answer that comes at or after the deadline is DEADLINE_EXCEEDED, whoever sends it.
        let answer = NIODeadline.now() < context.deadline ? response : .deadlineExceeded(for: context)
        if answered.claim() {
            deadlineTimer.cancel()
            await connection.respond(answer, to: context)
        }
    }
}

extension ResponseEnvelope {
    /// The answer to a call whose handler did not finish within its deadline.
    static func deadlineExceeded(for call: CallContext) -> ResponseEnvelope {
        ResponseEnvelope(callId: call.callId, status: .deadlineExceeded, message: "\(call.method) did not finish within its deadline")
    }
}

/// Makes sure a call is answered once: by its handler or by its deadline, whichever is first.
final class AnsweredOnce: Sendable {
    private let answered = Atomic<Bool>(false)

    func claim() -> Bool {
        answered.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}
