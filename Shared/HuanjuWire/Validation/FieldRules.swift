/// The limits `proto/` declares on one field (`(huanju.options.v1.field)`): the largest size of
/// a string or bytes field, the most elements of a repeated field. Zero means "no limit of
/// that kind". The table is generated (`FieldRules+Generated.swift`); every string and
/// repeated field of every message a service accepts has its limit.
public struct FieldRules: Sendable, Equatable {
    /// A string or bytes field: at most this many bytes (UTF-8 for strings); 0 = no limit.
    public let maxBytes: Int
    /// A repeated field: at most this many elements; 0 = no limit.
    public let maxItems: Int

    init(maxBytes: Int, maxItems: Int) {
        self.maxBytes = maxBytes
        self.maxItems = maxItems
    }

    /// The rules of field `number` of the message named `message`, if it states any.
    public static func of(message: String, field number: UInt32) -> FieldRules? {
        generated[message]?[number]
    }

    /// Whether `proto/` says anything about the fields of `message` (every message a service
    /// accepts is listed, even one without string or repeated fields).
    public static func covers(message: String) -> Bool {
        generated[message] != nil
    }
}
