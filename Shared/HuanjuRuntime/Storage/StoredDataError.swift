import HuanjuWire

/// The one error every service throws when what its database holds breaks the service's own
/// invariants (an unknown enum name in a column, a row that vanished mid-transaction): a
/// bug or a damaged database, never the caller's fault. The caller gets INTERNAL; the log
/// gets the details.
public struct StoredDataError: Error, CustomStringConvertible, RPCErrorConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// `table.column` holds `value`, which the service never writes.
    public static func unexpected(_ value: some CustomStringConvertible, in column: String) -> StoredDataError {
        StoredDataError("\(column) holds '\(value)', which this service never writes")
    }

    public var rpcError: RPCError {
        RPCError(.internal, "the service's stored data is inconsistent; the operators have been told (see its log)")
    }
}
