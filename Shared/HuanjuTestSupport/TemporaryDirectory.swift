import Foundation

/// A fresh directory under /tmp with a short path (Unix socket paths are limited to 107 bytes).
public enum TemporaryDirectory {
    public static func make(_ prefix: String = "hj") -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }
}
