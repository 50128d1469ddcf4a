/// Something the generator cannot go on with, in words: bytes on the wire that are not the
/// protocol, a file or process it cannot read, a server that refused the set-up.
struct LoadGenError: Error, CustomStringConvertible {
    let description: String
}
