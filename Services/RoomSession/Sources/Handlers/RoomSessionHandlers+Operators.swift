import HuanjuAPI
import HuanjuWire

/// The operator method (operator socket only): room-session's outbox to activation.
extension RoomSessionHandlers {
    func getOutboxStatus(_: SessionV1.GetOutboxStatusRequest, context _: CallContext) async throws -> SessionV1.OutboxStatus {
        SessionV1.OutboxStatus(try await core.store.outboxReport())
    }
}
