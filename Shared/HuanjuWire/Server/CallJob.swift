import NIOCore
import Synchronization

/// A call whose handler awaits: run as a child task of the server's task group, answered
/// DEADLINE_EXCEEDED if the handler overruns its deadline.
struct CallJob: Sendable {
    let handler: @Sendable ([UInt8], CallContext) async throws -> [UInt8]
    let payload: [UInt8]
    let context: CallContext
    let connection: ConnectionHandle

    func run() async {
        let answered = AnsweredOnce()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let response: ResponseEnvelope
                do {
                    response = ResponseEnvelope(callId: context.callId, status: .ok, payload: try await handler(payload, context))
                } catch {
                    response = connection.failure(of: context, error)
                }
                if answered.claim() { await connection.respond(response, to: context) }
            }
            group.addTask {
                let remaining = context.deadline - NIODeadline.now()
                try? await Task.sleep(for: .nanoseconds(max(remaining.nanoseconds, 0)))
                guard !Task.isCancelled, answered.claim() else { return }
                let response = ResponseEnvelope(callId: context.callId, status: .deadlineExceeded,
                                                message: "\(context.method) did not finish within its deadline")
                await connection.respond(response, to: context)
            }
            await group.next()
            group.cancelAll()
        }
        connection.callFinished()
    }
}

/// Makes sure a call is answered once: by its handler or by its deadline, whichever is first.
final class AnsweredOnce: Sendable {
    private let answered = Atomic<Bool>(false)

    func claim() -> Bool {
        answered.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}
