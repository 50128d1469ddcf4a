import HuanjuRuntime
import Testing

@Suite struct IdentifierTests {
    @Test func identifiersCarryTheirKindAndEightyRandomBits() {
        let ids = (0..<1000).map { _ in Identifier.make("acc") }
        #expect(Set(ids).count == 1000)
        for id in ids {
            #expect(id.hasPrefix("acc_"))
            #expect(id.count == 4 + 16)
            #expect(id.dropFirst(4).allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
        }
    }
}
