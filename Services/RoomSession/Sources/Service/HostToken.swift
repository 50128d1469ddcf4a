import HuanjuRuntime

/// The secret that proves being a broadcast's host: `ht_` and 32 Crockford base-32 symbols
/// (160 bits from the system's cryptographic generator).
enum HostToken {
    /// A new token.
    static func make() -> String {
        let second = Identifier.make("x").dropFirst(2)
        return Identifier.make("ht") + second
    }

    /// Whether `given` equals `expected`, in time that depends only on their lengths.
    static func matches(_ given: String, _ expected: String) -> Bool {
        let given = Array(given.utf8)
        let expected = Array(expected.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for index in given.indices { difference |= given[index] ^ expected[index] }
        return difference == 0
    }
}
