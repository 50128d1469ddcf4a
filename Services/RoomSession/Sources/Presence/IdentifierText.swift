import HuanjuDomain

/// The rule every room and viewer id follows: not empty, at most 128 bytes of UTF-8, and no
/// control characters (C0, DEL or C1). Checked on the raw bytes, without allocating.
enum IdentifierText {
    /// The longest id accepted, in UTF-8 bytes.
    static let maxBytes = 128

    /// Checks `bytes` (the UTF-8 of an id called `name` in messages).
    ///
    /// - Throws: `invalidArgument` saying what is wrong and what is accepted.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws(DomainError) {
        guard !bytes.isEmpty else { throw .invalidArgument("a \(name) is required; it must not be empty") }
        guard bytes.count <= maxBytes else {
            throw .invalidArgument(
                "the \(name) is \(bytes.count) bytes long; at most \(maxBytes) bytes of UTF-8 are accepted")
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // C0 controls and DEL; C1 controls are U+0080…U+009F, encoded C2 80…C2 9F.
            let isControl = byte < 0x20 || byte == 0x7F
                || (byte == 0xC2 && index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]))
            if isControl {
                throw .invalidArgument(
                    "the \(name) contains a control character at byte \(index); use printable characters only")
            }
            index += 1
        }
    }

    /// Checks `text` (an id called `name` in messages).
    ///
    /// - Throws: `invalidArgument` as `check(_:name:)`.
    static func check(_ text: String, name: String) throws(DomainError) {
        var text = text
        let problem: DomainError? = text.withUTF8 { bytes in
            do throws(DomainError) {
                try check(bytes, name: name)
                return nil
            } catch {
                return error
            }
        }
        if let problem { throw problem }
    }
}
