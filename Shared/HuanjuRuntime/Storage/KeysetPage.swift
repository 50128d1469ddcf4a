import HuanjuDomain
import HuanjuWire

/// One page of a keyset-paged listing: how many rows, and where the previous page stopped.
/// Shared by the services' stores (billing, activation).
///
/// Listings are keyset-paged on (instant, id): the token names the last row returned, so a
/// row added meanwhile never shifts a page. Tokens are opaque to clients.
public struct PageRequest: Sendable, Equatable {
    /// Rows per page when the request says 0.
    public static let defaultSize = 50
    /// The most rows one page returns.
    public static let maxSize = 500

    public let size: Int
    public let after: Position?

    /// The sort key of a row: an instant in ms and an id.
    public struct Position: Sendable, Equatable {
        public let milliseconds: Int64
        public let id: String

        public init(milliseconds: Int64, id: String) {
            self.milliseconds = milliseconds
            self.id = id
        }

        /// The token that continues after this row.
        public var token: String { "\(milliseconds):\(id)" }
    }

    public init(size: Int, after: Position?) {
        self.size = size
        self.after = after
    }

    /// A page from the wire's `page_size` (0: default; capped) and `page_token` ("": first page).
    ///
    /// - Throws: `invalidArgument` for a token this service did not issue.
    public init(pageSize: UInt32, pageToken: String) throws(DomainError) {
        size = pageSize == 0 ? Self.defaultSize : min(Int(pageSize), Self.maxSize)
        guard !pageToken.isEmpty else {
            after = nil
            return
        }
        guard let colon = pageToken.firstIndex(of: ":"),
              let milliseconds = Int64(pageToken[..<colon]),
              case let id = String(pageToken[pageToken.index(after: colon)...]), !id.isEmpty else {
            throw .invalidArgument(
                "page_token \"\(Excerpt.of(pageToken))\" is not one this service issued; pass next_page_token from the "
                    + "previous page, or \"\" for the first")
        }
        after = Position(milliseconds: milliseconds, id: id)
    }
}

/// Rows of one page and the token of the next ("" when this is the last).
public struct PageOf<Element: Sendable>: Sendable {
    public let items: [Element]
    public let nextPageToken: String

    public init(items: [Element], nextPageToken: String) {
        self.items = items
        self.nextPageToken = nextPageToken
    }

    /// The page from up to `size + 1` fetched rows: the extra row only says that more follow.
    public init(fetched: [Element], size: Int, position: (Element) -> PageRequest.Position) {
        if fetched.count > size {
            items = Array(fetched.prefix(size))
            nextPageToken = items.last.map { position($0).token } ?? ""
        } else {
            items = fetched
            nextPageToken = ""
        }
    }
}
