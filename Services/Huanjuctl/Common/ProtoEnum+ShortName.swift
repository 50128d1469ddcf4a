import HuanjuWire

extension ProtoEnum {
    /// The value's proto name without the enum's prefix, as tables show it: `PENDING_REVIEW`
    /// for `TICKET_STATE_PENDING_REVIEW` (the prefix is what the zero value's name has before
    /// `UNSPECIFIED`). A number this build does not know shows as `TicketState(9)`.
    var shortName: String {
        let name = protoValueName
        guard isRecognized else { return name }
        let zero = Self(protoNumber: 0).protoValueName
        guard zero.hasSuffix("UNSPECIFIED") else { return name }
        let prefix = zero.dropLast("UNSPECIFIED".count)
        return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
    }
}
