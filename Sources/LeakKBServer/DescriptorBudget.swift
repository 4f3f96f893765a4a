#if canImport(Glibc)
import Glibc
#endif

/// How many connections the server may hold open with the file descriptors
/// the process may have. Accepting stops at that many (the kernel keeps the
/// rest waiting in the listen backlog until a connection closes), so accept
/// never fails for want of a descriptor and the index and demo runs always
/// have some left.
enum DescriptorBudget {
    static func connections() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return 4_096 }
        let descriptors = Int(clamping: limit.rlim_cur)
        return max(8, descriptors - max(64, descriptors / 8))
    }
}
