import Foundation

/// Where `huanjuctl` writes: results to standard output, errors to standard error.
enum FileHandleOutput {
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
