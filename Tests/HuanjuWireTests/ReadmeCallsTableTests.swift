import Foundation
import HuanjuAPI
import HuanjuWire
import Testing

/// The README's tables of calls ("Calls") list exactly the methods proto/ declares, each with
/// the access and metadata its descriptor enforces: the documentation cannot drift from the
/// contract.
@Suite struct ReadmeCallsTableTests {
    /// One row of a README table: the method, its access column, its metadata column.
    struct Row: Equatable {
        let method: String
        let access: String
        let metadata: String
    }

    /// The rows of the table under the heading that starts with `heading`.
    static func rows(under heading: String) -> [Row] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var rows: [Row] = []
        var inSection = false
        var header: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#") {
                inSection = line.hasPrefix(heading)
                header = []
                continue
            }
            guard inSection, line.hasPrefix("| ") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if header.isEmpty {
                header = cells
                continue
            }
            guard cells.first?.hasPrefix("`") == true else { continue }
            let metadata = header.firstIndex(of: "metadata").map { cells[$0] } ?? "—"
            rows.append(Row(method: cells[0].trimmingCharacters(in: ["`"]), access: cells[1], metadata: metadata))
        }
        return rows
    }

    /// Checks one table against the descriptors of one service (`prefix` + short names, or
    /// full names when `prefix` is empty).
    static func check(_ heading: String, _ methods: [MethodInfo], prefix: String) {
        let rows = rows(under: heading)
        #expect(Set(rows.map { prefix + $0.method }) == Set(methods.map(\.name)), "\(heading)")
        for row in rows {
            guard let method = methods.first(where: { $0.name == prefix + row.method }) else { continue }
            // The access column starts with the descriptor's access ("peer (billing's relay)")
            #expect(row.access.hasPrefix(method.access.rawValue), "\(row.method): README \(row.access), proto \(method.access)")
            for key in method.requiredMetadata {
                #expect(row.metadata.contains(key) && !row.metadata.contains("\(key) (optional"), "\(row.method) requires \(key)")
            }
            for key in method.optionalMetadata {
                #expect(row.metadata.contains("\(key) (optional"), "\(row.method) accepts \(key)")
            }
            for key in [MetadataKey.accountID, MetadataKey.idempotencyKey]
            where !method.requiredMetadata.contains(key) && !method.optionalMetadata.contains(key) {
                #expect(!row.metadata.contains(key), "\(row.method) does not read \(key)")
            }
        }
    }

    @Test func theBillingTableIsTheBillingService() {
        Self.check("### Billing (", BillingV1.BillingService.Method.all, prefix: BillingV1.BillingService.name + "/")
    }

    @Test func theActivationTableIsTheActivationService() {
        Self.check("### Activation (", ActivationV1.ActivationService.Method.all, prefix: ActivationV1.ActivationService.name + "/")
    }

    @Test func theRoomSessionTableIsTheRoomSessionService() {
        Self.check("### Room-session (", SessionV1.RoomSessionService.Method.all, prefix: SessionV1.RoomSessionService.name + "/")
    }

    @Test func theEveryServiceTableIsTheStandardServices() {
        Self.check("### Every service", HuanjuWireMethods.all, prefix: "")
    }
}
