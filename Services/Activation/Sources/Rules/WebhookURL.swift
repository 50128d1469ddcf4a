import HuanjuDomain
import HuanjuWire

/// An endpoint URL `SetWebhook` accepts: `http://HOST[:PORT][/PATH][?QUERY]`, checked strictly
/// so that what is stored can always be called.
///
/// - Scheme `http` only (any case). This service sends over plain HTTP (README "Webhooks": the
///   decision, and how an `https://` endpoint is reached through a TLS-originating proxy).
/// - Host: a DNS name (letters, digits, hyphens; labels of 1–63, at most 253 in all), an IPv4
///   address (four decimal octets) or an IPv6 address in brackets. Lower-cased when stored.
/// - Port: 1–65535 when given; 80 when not.
/// - Path and query: printable ASCII from RFC 3986's sets (unreserved, sub-delimiters, `:`
///   `@` `/` `?`), anything else percent-encoded (`%HH`); `/` when there is no path (`http://h?q` is `http://h/?q`).
/// - No user name or password (`user:pass@`: it would be shown and logged; requests are
///   authenticated by their signature), no fragment (`#`: it is never sent).
/// - At most `maxBytes` (2048) bytes.
///
/// Any other URL is INVALID_ARGUMENT, saying what is wrong and what is accepted.
struct WebhookURL: Sendable, Equatable {
    /// The most bytes a URL may have (also proto/'s `max_bytes` on `SetWebhookRequest.url`).
    static let maxBytes = 2048

    /// The URL as stored and shown: scheme and host lower-cased, the port only when given.
    let text: String
    /// The host to connect to (an IPv6 address without its brackets).
    let host: String
    let port: Int
    /// What is sent as the request target: the path and query (`/` at least).
    let target: String

    /// What every refusal ends with.
    private static let accepted = "a webhook URL is http://HOST[:PORT]/PATH, e.g. http://hooks.example.com:8080/huanju"

    init(_ input: String) throws(DomainError) {
        guard !input.isEmpty else { throw .invalidArgument("SetWebhook needs a url: \(Self.accepted)") }
        guard input.utf8.count <= Self.maxBytes else {
            throw .invalidArgument("the url is \(input.utf8.count) bytes long; at most \(Self.maxBytes) are accepted")
        }
        let bytes = Array(input.utf8)
        let lower = input.lowercased()
        if lower.hasPrefix("https://") {
            throw .invalidArgument("""
                https URLs are not called directly: webhooks are sent over plain HTTP, so give the http:// address of \
                a TLS-originating proxy that forwards to your https endpoint (README, Webhooks)
                """)
        }
        guard lower.hasPrefix("http://") else {
            throw .invalidArgument("the url must start with http://; \(Self.accepted)")
        }
        guard !bytes.contains(UInt8(ascii: "#")) else {
            throw .invalidArgument("the url has a fragment (#…), which is never sent: leave it out")
        }
        let rest = bytes[7...]
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        let authority = Array(rest[rest.startIndex..<authorityEnd])
        var target = String(decoding: rest[authorityEnd...], as: UTF8.self)
        guard !authority.contains(UInt8(ascii: "@")) else {
            throw .invalidArgument("""
                the url carries a user name or password (…@), which would be shown and logged: leave it out, requests \
                are authenticated by their Huanju-Signature
                """)
        }
        guard !authority.isEmpty else { throw .invalidArgument("the url has no host; \(Self.accepted)") }

        // Host, then an optional port.
        let host: String
        let hostText: String
        var portText: [UInt8]?
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else {
                throw .invalidArgument("the url's IPv6 address has no closing ]")
            }
            let address = String(decoding: authority[1..<close], as: UTF8.self).lowercased()
            guard Self.isIPv6(address) else {
                throw .invalidArgument("'\(Excerpt.of(address, limit: 64))' in the url is not an IPv6 address")
            }
            host = address
            hostText = "[\(address)]"
            let after = authority[(close + 1)...]
            if let colon = after.first {
                guard colon == UInt8(ascii: ":") else {
                    throw .invalidArgument("the url's IPv6 address must be followed by :PORT or the path")
                }
                portText = Array(after.dropFirst())
            }
        } else {
            let colon = authority.firstIndex(of: UInt8(ascii: ":"))
            let name = String(decoding: authority[..<(colon ?? authority.endIndex)], as: UTF8.self).lowercased()
            if let colon { portText = Array(authority[(colon + 1)...]) }
            try Self.checkHostName(name)
            host = name
            hostText = name
        }

        var port = 80
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ (48...57).contains($0) }),
                  let number = Int(String(decoding: portText, as: UTF8.self)), (1...65535).contains(number) else {
                throw .invalidArgument(
                    "the url's port '\(Excerpt.of(String(decoding: portText, as: UTF8.self), limit: 16))' is not a number from 1 to 65535")
            }
            port = number
        }

        if !target.hasPrefix("/") { target = "/" + target }
        try Self.checkTarget(Array(target.utf8))

        self.host = host
        self.port = port
        self.target = target
        self.text = "http://\(hostText)\(portText == nil ? "" : ":\(port)")\(target)"
    }

    // MARK: The parts

    private static func checkHostName(_ name: String) throws(DomainError) {
        guard !name.isEmpty else { throw .invalidArgument("the url has no host; \(accepted)") }
        let bytes = Array(name.utf8)
        if bytes.allSatisfy({ (48...57).contains($0) || $0 == UInt8(ascii: ".") }) {
            guard isIPv4(bytes) else {
                throw .invalidArgument("'\(Excerpt.of(name, limit: 64))' in the url is not an IPv4 address (four numbers 0–255)")
            }
            return
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = bytes.count <= 253 && labels.allSatisfy { label in
            let bytes = Array(label.utf8)
            return (1...63).contains(bytes.count) && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-")
                && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
        }
        guard valid else {
            throw .invalidArgument("""
                '\(Excerpt.of(name, limit: 64))' in the url is not a host name: letters, digits and hyphens in dot-separated \
                labels (a non-ASCII name in its xn-- form), or an IP address
                """)
        }
    }

    private static func isIPv4(_ bytes: [UInt8]) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            (1...3).contains(part.count) && (part.count == 1 || part.first != UInt8(ascii: "0"))
                && (Int(String(decoding: part, as: UTF8.self)).map { $0 <= 255 } ?? false)
        }
    }

    /// RFC 4291's text forms: up to eight groups of 1–4 hex digits, one `::` at most, an IPv4
    /// tail allowed.
    private static func isIPv6(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 45 else { return false }
        var halves: [String] = [text]
        if let double = text.firstRange(of: "::") {
            halves = [String(text[..<double.lowerBound]), String(text[double.upperBound...])]
            guard !halves[1].contains("::") else { return false }
        }
        func groups(_ part: String) -> [Substring]? {
            part.isEmpty ? [] : part.split(separator: ":", omittingEmptySubsequences: false)
        }
        guard var all = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return false }
        all += tail
        var count = all.count
        if let last = all.last, last.contains(".") {
            guard isIPv4(Array(last.utf8)) else { return false }
            all.removeLast()
            count += 1
        }
        let hex = all.allSatisfy { group in
            (1...4).contains(group.utf8.count) && group.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        }
        return hex && (halves.count == 2 ? count <= 7 : count == 8)
    }

    /// Path and query: RFC 3986 `pchar`s, `/` and `?`, with valid percent-encodings.
    private static func checkTarget(_ bytes: [UInt8]) throws(DomainError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?".utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    throw .invalidArgument("the url's path has a % not followed by two hexadecimal digits")
                }
                index += 3
                continue
            }
            guard allowed.contains(byte) else {
                let shown = byte < 0x80 ? "'\(String(UnicodeScalar(byte)))'" : "a non-ASCII character"
                throw .invalidArgument("""
                    the url's path or query has \(byte == 0x20 ? "a space" : shown), which must be percent-encoded \
                    (e.g. %20 for a space)
                    """)
            }
            index += 1
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }
}
