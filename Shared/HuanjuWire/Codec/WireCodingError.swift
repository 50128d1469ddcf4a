/// Why a message could not be converted between its Swift type and protobuf.
public struct WireCodingError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the message and field.
    public let description: String

    init(_ description: String) {
        self.description = description
    }

    static func undecodable(_ message: String) -> WireCodingError {
        WireCodingError("the bytes are not a valid \(message) message")
    }

    static func unknownType(_ message: String) -> WireCodingError {
        WireCodingError("no protobuf message named \(message) in proto/")
    }

    static func noField(_ key: String, in message: String) -> WireCodingError {
        WireCodingError("\(message) has no field for Swift property \(key)")
    }

    static func typeMismatch(_ swiftType: Any.Type, field: String) -> WireCodingError {
        WireCodingError("field \(field) cannot hold a Swift \(swiftType)")
    }

    static func invalidUTF8(field: String) -> WireCodingError {
        WireCodingError("field \(field) is not valid UTF-8")
    }
}
