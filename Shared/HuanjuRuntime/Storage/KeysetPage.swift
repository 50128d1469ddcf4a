import Foundation
import HuanjuDomain
import HuanjuWire

/// One page of a listing, the way every list method of every service pages (one policy,
/// stated in the README):
///
/// - `page_size` 0 means 50; 1…500 is that many; more is INVALID_ARGUMENT.
/// - Pages are keyset-paged on the listing's sort key: a token names the last row returned
///   (`PagePosition`), so a row added meanwhile never shifts a page. Tokens are opaque and
///   versioned (`p1.` + base64url); a token this service did not issue — one that does not
///   decode, or does not name a row of this listing — is INVALID_ARGUMENT.
public struct PageRequest: Sendable, Equatable {
    /// Rows per page when the request says 0.
    public static let defaultSize = 50
    /// The most rows one page returns.
    public static let maxSize = 500

    public let size: Int
    public let after: PagePosition?
    /// The token as sent, for the refusal when it names no row.
    public let token: String

    public init(size: Int, after: PagePosition?) {
        self.size = size
        self.after = after
        token = after?.token ?? ""
    }

    /// A page from the wire's `page_size` and `page_token` ("": the first page).
    ///
    /// - Throws: `invalidArgument` for a size above 500 or a token that does not decode.
    public init(pageSize: UInt32, pageToken: String) throws(DomainError) {
        guard pageSize <= UInt32(Self.maxSize) else {
            throw .invalidArgument("page_size must be at most \(Self.maxSize) (got \(pageSize)); 0 means \(Self.defaultSize)")
        }
        size = pageSize == 0 ? Self.defaultSize : Int(pageSize)
        token = pageToken
        guard !pageToken.isEmpty else {
            after = nil
            return
        }
        guard let position = PagePosition(token: pageToken) else { throw Self.notIssued(pageToken) }
        after = position
    }

    /// The refusal for a token this service did not issue.
    public static func notIssued(_ token: String) -> DomainError {
        .invalidArgument(
            "page_token \"\(Excerpt.of(token))\" is not one this service issued; pass next_page_token from the previous "
                + "page, or \"\" for the first")
    }

    /// Throws `notIssued` unless `issued` (the listing found the row the token names).
    public func check(issued: Bool) throws(DomainError) {
        guard issued else { throw Self.notIssued(token) }
    }
}

/// Where a page stopped: the sort key of the last row returned (one or two numbers, then the
/// row's id), encoded in an opaque, versioned token.
public struct PagePosition: Sendable, Hashable {
    /// The first sort key (an instant in ms, a watch time…).
    public let key: Int64
    /// A second sort key (0 when the listing has one).
    public let secondKey: Int64
    /// The row's id: the last tie-break.
    public let id: String

    public init(key: Int64, secondKey: Int64 = 0, id: String) {
        self.key = key
        self.secondKey = secondKey
        self.id = id
    }

    private static let prefix = "p1."

    /// `p1.` + base64url(key, second key as big-endian Int64s, then the id's UTF-8).
    public var token: String {
        var bytes: [UInt8] = []
        for value in [key, secondKey] {
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }
        bytes.append(contentsOf: id.utf8)
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return Self.prefix + base64
    }

    /// The position a token names; nil when it is not a token of this version.
    public init?(token: String) {
        guard token.hasPrefix(Self.prefix) else { return nil }
        var base64 = String(token.dropFirst(Self.prefix.count))
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), data.count > 16 else { return nil }
        let bytes = [UInt8](data)
        func number(at offset: Int) -> Int64 {
            bytes[offset..<(offset + 8)].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
        guard let id = String(validating: bytes[16...], as: UTF8.self), TextRules.firstProblem(in: id) == nil else {
            return nil
        }
        self.init(key: number(at: 0), secondKey: number(at: 8), id: id)
        guard self.token == token else { return nil }   // one spelling per position
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
    public init(fetched: [Element], size: Int, position: (Element) -> PagePosition) {
        if fetched.count > size {
            items = Array(fetched.prefix(size))
            nextPageToken = items.last.map { position($0).token } ?? ""
        } else {
            items = fetched
            nextPageToken = ""
        }
    }

    /// The same page with its rows converted.
    public func map<T: Sendable>(_ transform: (Element) throws -> T) rethrows -> PageOf<T> {
        PageOf<T>(items: try items.map(transform), nextPageToken: nextPageToken)
    }
}
