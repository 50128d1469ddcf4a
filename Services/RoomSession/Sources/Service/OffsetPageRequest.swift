import HuanjuDomain

/// Paging as the session protocol does it: `page_size` 0 means 50, at most 500;
/// `page_token` is the offset of the next entry, as text, "" for the first page.
struct OffsetPageRequest: Sendable, Hashable {
    /// The page size when the caller does not choose.
    static let defaultSize = 50
    /// The largest page a caller may ask for.
    static let maxSize = 500

    /// Entries to skip.
    let offset: Int
    /// Entries to return at most.
    let size: Int

    /// Checks a request's paging fields.
    ///
    /// - Throws: `invalidArgument` for a page size above 500 or a token this service did not give.
    init(pageSize: UInt32, pageToken: String) throws(DomainError) {
        guard pageSize <= UInt32(Self.maxSize) else {
            throw .invalidArgument("page_size must be at most \(Self.maxSize) (got \(pageSize)); use 0 for \(Self.defaultSize)")
        }
        size = pageSize == 0 ? Self.defaultSize : Int(pageSize)
        if pageToken.isEmpty {
            offset = 0
        } else if let offset = Int(pageToken), offset >= 0 {
            self.offset = offset
        } else {
            throw .invalidArgument(
                "page_token '\(pageToken)' is not one this service gave; pass next_page_token back unchanged, or \"\" for the first page")
        }
    }

    /// The token of the page after this one, "" when none.
    static func token(nextOffset: Int?) -> String {
        nextOffset.map(String.init) ?? ""
    }
}
