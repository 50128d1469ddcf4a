import HuanjuWire

/// What `fill` counted.
struct FillTally: Sendable, Encodable {
    var admitted = 0
    var refused: [String: Int] = [:]
    var lastRefusal: RPCError?

    mutating func merge(_ other: FillTally) {
        admitted += other.admitted
        refused.merge(other.refused, uniquingKeysWith: +)
        lastRefusal = other.lastRefusal ?? lastRefusal
    }

    enum CodingKeys: String, CodingKey { case admitted, refused }
}
