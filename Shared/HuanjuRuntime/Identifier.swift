/// Unguessable identifiers for records: `acc_7Q3K9M2XH4TDW8RB` — a prefix naming the kind,
/// then 16 Crockford base-32 symbols (80 bits from the system's cryptographic generator).
/// Unguessable so that an id says nothing about volume and cannot be enumerated.
public enum Identifier {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    public static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        var symbols = [UInt8]()
        symbols.reserveCapacity(16)
        var bits = generator.next() as UInt64
        var extra = generator.next() as UInt64
        for index in 0..<16 {
            if index == 12 { bits = extra; extra = 0 }
            symbols.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return "\(prefix)_\(String(decoding: symbols, as: UTF8.self))"
    }
}
