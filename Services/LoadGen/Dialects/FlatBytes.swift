/// Many short byte strings in one array (one allocation instead of one per string): the
/// precomputed parts of requests, per viewer or per room.
struct FlatBytes: Sendable {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]

    init() {}

    /// The number of strings.
    var count: Int { offsets.count - 1 }

    /// Appends one string.
    mutating func append(_ part: some Sequence<UInt8>) {
        bytes.append(contentsOf: part)
        offsets.append(bytes.count)
    }

    /// Calls `body` with string `index`, without copying.
    @inline(__always)
    func withBytes<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let start = offsets[index]
        let end = offsets[index + 1]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }
}
