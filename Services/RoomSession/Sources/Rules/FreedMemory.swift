#if canImport(Glibc)
import Glibc
#endif

/// Gives memory the allocator keeps after a large batch back to the system.
///
/// A crowd arriving at once makes the radar flusher build one large batch (a record and a
/// viewer-id string per viewer); glibc keeps those pages after they are freed, so resident
/// memory would stay at the batch's peak. After such a flush the service trims the heap
/// (glibc's `malloc_trim`, looked up at run time since Swift's Glibc module does not export
/// `<malloc.h>`), so that resident memory per present viewer reflects the rooms, not the
/// last batch. Elsewhere it does nothing.
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    #if canImport(Glibc)
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
        .map { unsafeBitCast($0, to: Trim.self) }
    #endif

    /// Trims the heap (glibc); does nothing elsewhere.
    static func returnToSystem() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
