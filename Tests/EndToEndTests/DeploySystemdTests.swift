import Foundation
import HuanjuTestSupport
import Testing

/// The systemd units in deploy/systemd: hardened as the issue asks, accepted by
/// `systemd-analyze verify` where it exists, and the environment file documents every setting.
struct DeploySystemdTests {
    static let services = ["billing", "activation", "room-session"]
    static let folder = DeployScripts.repository.appendingPathComponent("deploy/systemd")

    static func unit(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// `Key=value` lines of a unit (comments and section headers left out).
    static func settings(_ unit: String) -> [(key: String, value: String)] {
        unit.split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.hasPrefix("#"), !text.hasPrefix(";"), !text.hasPrefix("["),
                  let equals = text.firstIndex(of: "=") else { return nil }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]))
        }
    }

    @Test(arguments: services)
    func eachServiceUnitRunsAsHuanjuHardenedRestartingOnFailureAndStoppingWithSIGTERM(service: String) throws {
        let settings = Self.settings(try Self.unit("huanju-\(service).service"))
        func value(_ key: String) -> String? { settings.last { $0.key == key }?.value }
        let required: [(String, String)] = [
            ("User", "huanju"), ("Group", "huanju"),
            ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("PrivateTmp", "yes"),
            ("RuntimeDirectory", "huanju"), ("StateDirectory", "huanju"),
            ("Restart", "on-failure"), ("KillSignal", "SIGTERM"),
            ("ExecStart", "/opt/huanju/bin/\(service)"),
        ]
        for (key, expected) in required {
            #expect(value(key) == expected, "huanju-\(service).service: \(key)=\(value(key) ?? "(missing)")")
        }
        #expect(value("EnvironmentFile")?.hasSuffix("/etc/huanju/huanju.env") == true)
        #expect(value("ProtectHome") == "yes")
        #expect(value("PartOf") == "huanju.target")
        #expect(value("WantedBy") == "huanju.target")
    }

    @Test func theEnvironmentFileDocumentsEverySettingTheServicesRead() throws {
        let lines = try Self.unit("huanju.env").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for setting in ["HUANJU_RUNTIME_DIR", "HUANJU_DATA_DIR", "HUANJU_LOG_LEVEL", "HUANJU_MAX_FRAME_BYTES",
                        "HUANJU_METRICS_ADDRESS", "HUANJU_ACTIVATION_SOCKET", "HUANJU_BILLING_SOCKET",
                        "HUANJU_LEASE_SECONDS", "HUANJU_CONTROLLABLE_CLOCK"] {
            let index = try #require(lines.firstIndex { $0.hasPrefix(setting + "=") || $0.hasPrefix("#" + setting + "=") },
                                     "huanju.env does not mention \(setting)")
            // a comment explains it, in the paragraph it belongs to
            let paragraph = lines[..<index].reversed().prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(paragraph.contains { $0.hasPrefix("# ") }, "\(setting) is not documented in huanju.env")
        }
    }

    @Test func systemdAnalyzeVerifyAcceptsTheUnits() async throws {
        guard let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else { return }
        // The units as installed, except ExecStart points at this build's executables and the
        // environment file is optional (neither /opt/huanju nor /etc/huanju exists here).
        let folder = TemporaryDirectory.make("hjunits")
        var paths: [String] = []
        for name in Self.services.map({ "huanju-\($0).service" }) + ["huanju.target"] {
            var text = try Self.unit(name)
            for service in Self.services {
                text = text.replacingOccurrences(of: "ExecStart=/opt/huanju/bin/\(service)",
                                                 with: "ExecStart=\(BuildProducts.executable(service))")
            }
            text = text.replacingOccurrences(of: "EnvironmentFile=/", with: "EnvironmentFile=-/")
            let path = "\(folder)/\(name)"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let process = try ServiceProcess(name: "systemd-analyze", executable: analyze, arguments: ["verify"] + paths,
                                         logPath: "\(folder)/verify.out",
                                         environment: ["SYSTEMD_LOG_COLOR": "0", "SYSTEMD_PAGER": ""])
        let status = await process.waitForExit(timeout: .seconds(60))
        if status == -1 { await process.stop() }
        let output = process.log().trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == 0, "systemd-analyze verify exited \(status):\n\(output)")
        #expect(output.isEmpty, "systemd-analyze verify complained:\n\(output)")
        try? FileManager.default.removeItem(atPath: folder)
    }
}
