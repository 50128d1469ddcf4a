import Foundation
import HuanjuTestSupport
import Testing

/// The systemd units in deploy/systemd: hardened as the issue asks, socket-activated (two
/// socket units per service, which outlive its restarts), accepted by `systemd-analyze verify`
/// where it exists, and the environment file documents every setting.
struct DeploySystemdTests {
    static let services = ["billing", "activation", "room-session"]
    static let socketUnits = services.flatMap { ["huanju-\($0).socket", "huanju-\($0)-admin.socket"] }
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

    /// Every value of `key` in `settings`, space-separated lists split.
    static func values(_ key: String, in settings: [(key: String, value: String)]) -> [String] {
        settings.filter { $0.key == key }.flatMap { $0.value.split(separator: " ").map(String.init) }
    }

    @Test(arguments: services)
    func eachServiceInheritsAPublicAndAnOperatorSocketFromUnitsThatOutliveItsRestarts(service: String) throws {
        let runtimeDirectory = try #require(Self.settings(try Self.unit("huanju.env")).last { $0.key == "HUANJU_RUNTIME_DIR" }?.value)
        for (suffix, name, mode) in [("", "public", "0660"), ("-admin", "operator", "0600")] {
            let unit = "huanju-\(service)\(suffix).socket"
            let settings = Self.settings(try Self.unit(unit))
            func value(_ key: String) -> String? { settings.last { $0.key == key }?.value }
            // The socket is where the service (HUANJU_RUNTIME_DIR) and its peers look for it,
            let expected: [(String, String)] = [
                ("ListenStream", "\(runtimeDirectory)/\(service)\(suffix).sock"),
                // named as the service tells its sockets apart (one unit per name: it names all of a unit's sockets),
                ("FileDescriptorName", name), ("Service", "huanju-\(service).service"),
                // with the modes the service gives the sockets it binds itself
                ("SocketUser", "huanju"), ("SocketGroup", "huanju"), ("SocketMode", mode),
                ("DirectoryMode", "0750"), ("PartOf", "huanju.target"), ("WantedBy", "sockets.target"),
            ]
            for (key, wanted) in expected {
                #expect(value(key) == wanted, "\(unit): \(key)=\(value(key) ?? "(missing)")")
            }
            #expect(Self.values("ListenStream", in: settings).count == 1, "\(unit) holds one socket")
        }
        // And the service requires both, starts after them and inherits them
        let settings = Self.settings(try Self.unit("huanju-\(service).service"))
        let sockets = ["huanju-\(service).socket", "huanju-\(service)-admin.socket"]
        for key in ["Requires", "After", "Sockets", "Also"] {
            #expect(Set(sockets).isSubset(of: Self.values(key, in: settings)), "huanju-\(service).service: \(key)")
        }
        // keeping the runtime directory (the sockets' files, the lock files) when it stops
        #expect(settings.last { $0.key == "RuntimeDirectoryPreserve" }?.value == "yes")
        #expect(settings.last { $0.key == "RuntimeDirectoryMode" }?.value == "0750")
    }

    @Test func theTargetTheTmpfilesEntryAndTheInstallerCoverEverySocketUnit() throws {
        // huanju.target starts every socket unit
        let wanted = Self.values("Wants", in: Self.settings(try Self.unit("huanju.target")))
        #expect(Set(Self.socketUnits).isSubset(of: wanted), "huanju.target Wants= \(wanted)")
        // /run/huanju exists from boot as the services' RuntimeDirectory= makes it
        let tmpfiles = try Self.unit("huanju.tmpfiles").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(tmpfiles == ["d /run/huanju 0750 huanju huanju -"])
        // deploy/install.sh installs the sockets and the tmpfiles entry and enables every socket unit
        let installer = try String(contentsOf: DeployScripts.repository.appendingPathComponent("deploy/install.sh"), encoding: .utf8)
        #expect(installer.contains("deploy/systemd/huanju-*.socket"))
        #expect(installer.contains("/etc/tmpfiles.d/huanju.conf"))
        #expect(installer.contains("systemctl enable \"${sockets[@]}\""))
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
        for name in Self.services.map({ "huanju-\($0).service" }) + Self.socketUnits + ["huanju.target"] {
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
