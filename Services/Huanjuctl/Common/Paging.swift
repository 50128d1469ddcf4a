/// Every item of a paged listing: calls `fetch` with each page token in turn (starting with
/// "") until a page comes back with an empty next token.
func allPages<Item>(_ fetch: (String) async throws -> ([Item], String)) async throws -> [Item] {
    var items: [Item] = []
    var token = ""
    repeat {
        let (page, next) = try await fetch(token)
        items += page
        token = next
    } while !token.isEmpty
    return items
}
