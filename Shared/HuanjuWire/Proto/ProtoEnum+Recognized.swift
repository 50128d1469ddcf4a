extension ProtoEnum {
    /// This value, or INVALID_ARGUMENT naming the number when it is one this build does not
    /// know ("unknown code kind 9 in field kind"): what a service answers for a request from a
    /// newer client, instead of failing to decode it.
    public func recognized(field: String) throws -> Self {
        guard case let number = rawValue, !isRecognized else { return self }
        throw RPCError(.invalidArgument, "unknown \(Self.protoDisplayName) \(number) in field \(field); "
                           + "this service knows \(Self.allCases.map(\.protoValueName).joined(separator: ", "))")
    }
}
