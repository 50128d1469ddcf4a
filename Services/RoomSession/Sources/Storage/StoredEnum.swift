import HuanjuRuntime

/// A text column that holds one of an enum's raw values. A record decodes it through this
/// protocol, so that a value the service never writes (a damaged database) is
/// `StoredDataError` — INTERNAL to the caller, the details in the log — and never a Swift
/// decoding error.
protocol StoredEnum: RawRepresentable, Codable, Sendable, Hashable where RawValue == String {
    /// `table.column`, for the error.
    static var column: String { get }
}

extension StoredEnum {
    /// Decodes the raw value; throws `StoredDataError` for any other text.
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else { throw StoredDataError.unexpected(text, in: Self.column) }
        self = value
    }
}
