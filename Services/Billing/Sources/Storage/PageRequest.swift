import HuanjuDomain

/// One page of a listing: how many rows, and where the previous page stopped.
///
/// Listings are keyset-paged on (instant, id): the token names the last row returned, so a
/// row added meanwhile never shifts a page. Tokens are opaque to clients.
struct PageRequest: Sendable, Equatable {
    /// Rows per page when the request says 0.
    static let defaultSize = 50
    /// The most rows one page returns.
    static let maxSize = 500

    let size: Int
    let after: Position?

    /// The sort key of a row: an instant in ms and an id.
    struct Position: Sendable, Equatable {
        let milliseconds: Int64
        let id: String

        /// The token that continues after this row.
        var token: String { "\(milliseconds):\(id)" }
    }

    init(size: Int, after: Position?) {
        self.size = size
        self.after = after
    }

    /// A page from the wire's `page_size` (0: default; capped) and `page_token` ("": first page).
    ///
    /// - Throws: `invalidArgument` for a token this service did not issue.
    init(pageSize: UInt32, pageToken: String) throws(DomainError) {
        size = pageSize == 0 ? Self.defaultSize : min(Int(pageSize), Self.maxSize)
        guard !pageToken.isEmpty else {
            after = nil
            return
        }
        guard let colon = pageToken.firstIndex(of: ":"),
              let milliseconds = Int64(pageToken[..<colon]),
              case let id = String(pageToken[pageToken.index(after: colon)...]), !id.isEmpty else {
            throw .invalidArgument(
                "page_token \"\(pageToken)\" is not one this service issued; pass next_page_token from the previous page, or \"\" for the first")
        }
        after = Position(milliseconds: milliseconds, id: id)
    }
}

/// Rows of one page and the token of the next ("" when this is the last).
struct PageOf<Element: Sendable>: Sendable {
    let items: [Element]
    let nextPageToken: String

    /// The page from up to `size + 1` fetched rows: the extra row only says that more follow.
    init(fetched: [Element], size: Int, position: (Element) -> PageRequest.Position) {
        if fetched.count > size {
            items = Array(fetched.prefix(size))
            nextPageToken = items.last.map { position($0).token } ?? ""
        } else {
            items = fetched
            nextPageToken = ""
        }
    }
}
