import Foundation

/// Where SwiftPM put the executables this test run was built with.
public enum BuildProducts {
    /// The folder of the running test binary (e.g. `.build/debug`), which also holds the
    /// package's executables.
    public static let directory: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On Linux the runner is `.build/<triple>/debug/<Package>PackageTests.xctest`.
        while folder.path != "/" {
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("huanjuctl").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug")
    }()

    public static func executable(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}
