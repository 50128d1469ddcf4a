import NIOCore
import Synchronization

/// A call whose handler awaits, run as a child task of the server's task group. Its
/// deadline is watched by a timer on the connection's event loop (a dedicated thread, so a
/// busy task pool cannot delay it; and one clock, the event loop's, which tests can move):
/// whichever comes first, the handler's answer or the deadline, is the one answer the caller
/// gets. When the deadline wins, the timer also signals `deadlinePassed` and the overrunning
/// handler is cancelled (as in gRPC, DEADLINE_EXCEEDED does not mean nothing happened: work
/// already committed stays); its answer, if any, is dropped.
struct CallJob: Sendable {
    let handler: @Sendable ([UInt8], CallContext) async throws -> [UInt8]
    let payload: [UInt8]
    let context: CallContext
    let connection: ConnectionHandle
    let answered: AnsweredOnce
    let deadlineTimer: Scheduled<Void>
    /// Fired by the deadline timer.
    let deadlinePassed: OneShotSignal

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await answer() }
            group.addTask { await deadlinePassed.wait() }   // cancels an overrunning handler
            await group.next()
            group.cancelAll()
        }
        connection.callFinished()
    }

    private func answer() async {
        let response: RPCV1.Response
        do {
            response = RPCV1.Response(callID: context.callID, status: .ok, payload: try await handler(payload, context))
        } catch {
            response = connection.failure(of: context, error)
        }
        // An answer that comes at or after the deadline is DEADLINE_EXCEEDED, whoever sends it.
        let answer = connection.handler.eventLoop.now < context.deadline ? response : .deadlineExceeded(for: context)
        if answered.claim() {
            deadlineTimer.cancel()
            await connection.respond(answer, to: context)
        }
    }
}

extension RPCV1.Response {
    /// The answer to a call whose handler did not finish within its deadline.
    static func deadlineExceeded(for call: CallContext) -> RPCV1.Response {
        RPCV1.Response(callID: call.callID, status: .deadlineExceeded, message: "\(call.method) did not finish within its deadline")
    }
}

/// Makes sure a call is answered once: by its handler or by its deadline, whichever is first.
final class AnsweredOnce: Sendable {
    private let answered = Atomic<Bool>(false)

    func claim() -> Bool {
        answered.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}

/// A signal that fires once; `wait()` returns when it has fired or when the waiting task is
/// cancelled.
final class OneShotSignal: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Void, Never>)
        case done
    }

    private let state = Mutex(State.idle)

    /// Fires the signal (again: nothing happens).
    func fire() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            defer { state = .done }
            if case .waiting(let continuation) = state { return continuation }
            return nil
        }
        waiter?.resume()
    }

    /// Returns once the signal fired, or at once if the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    switch state {
                    case .idle:
                        state = .waiting(continuation)
                        return false
                    case .waiting, .done:
                        return true
                    }
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            fire()
        }
    }
}
