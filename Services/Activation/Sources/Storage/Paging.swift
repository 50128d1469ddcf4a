import HuanjuDomain

/// A page request resolved: how many rows, and after which (instant, id) position.
///
/// Lists are ordered by (instant, id); a page token is the last row's position,
/// `"<unix ms>:<id>"`, opaque to clients. Page size: default 50, at most 500 (larger asks
/// are served 500).
struct PageRequest: Sendable, Equatable {
    static let defaultSize = 50
    static let maxSize = 500

    let size: Int
    let after: (instant: Instant, id: String)?

    init(size: UInt32, token: String) throws(DomainError) {
        self.size = size == 0 ? Self.defaultSize : min(Int(size), Self.maxSize)
        guard !token.isEmpty else {
            after = nil
            return
        }
        guard let colon = token.firstIndex(of: ":"), let millis = Int64(token[..<colon]),
              !token[token.index(after: colon)...].isEmpty else {
            throw .invalidArgument("page token '\(token)' is not one this service issued; pass back next_page_token as given, or omit it for the first page")
        }
        after = (Instant(unixMilliseconds: millis), String(token[token.index(after: colon)...]))
    }

    /// The token that continues after a row at (`instant`, `id`).
    static func token(after instant: Instant, id: String) -> String {
        "\(instant.unixMilliseconds):\(id)"
    }

    static func == (lhs: PageRequest, rhs: PageRequest) -> Bool {
        lhs.size == rhs.size && lhs.after?.instant == rhs.after?.instant && lhs.after?.id == rhs.after?.id
    }
}

/// One page of rows and the token of the next page ("" when this is the last).
struct Page<Row: Sendable>: Sendable {
    let rows: [Row]
    let nextToken: String
}
