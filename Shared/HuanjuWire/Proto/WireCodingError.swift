/// The bytes are not a valid encoding of the message they were decoded as.
public struct WireCodingError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the message.
    public let description: String

    @usableFromInline
    init(_ description: String) {
        self.description = description
    }

    @usableFromInline
    static func undecodable(_ message: String) -> WireCodingError {
        WireCodingError("the bytes are not a valid \(message) message")
    }
}
