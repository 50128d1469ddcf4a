/// Exit codes that tell a script why `huanjuctl` failed (sysexits.h numbers).
enum ExitCodes {
    /// Bad flags or arguments.
    static let usage: Int32 = 64
    /// The service answered with a status other than OK.
    static let refused: Int32 = 65
    /// The service could not be reached (UNAVAILABLE).
    static let unavailable: Int32 = 69
}
