import LeakKBSystem
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (`flock`) on `<index>.lock`, held while the index is
/// written: a second leakkb indexing the same files learns it at once
/// instead of parsing every article and then failing on SQLite's lock. The
/// kernel drops it when the process dies, so a crash never leaves it held.
package final class IndexLock {
    private var descriptor: Int32

    /// Takes the lock, or throws `IndexError.indexing` if another process holds it.
    package init(index path: String, root: String) throws {
        descriptor = try Self.take(path, root: root)
    }

    /// How long a command waits for what it cannot go on without: well
    /// over a first index of 10,000 articles (5–10 s) on a slow machine.
    package static let patience: Double = 120

    /// Waits up to `seconds` for the lock, for what cannot go on without it
    /// (a schema migration, a first index), then throws
    /// `IndexError.indexing` as the non-waiting lock does at once.
    package init(index path: String, root: String, waitingUpTo seconds: Double) throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            do {
                descriptor = try Self.take(path, root: root)
                return
            } catch IndexError.indexing where ContinuousClock.now < deadline {
                usleep(20_000)
            }
        }
    }

    /// The lock file's descriptor, locked; `IndexError.indexing` when another holds it.
    private static func take(_ path: String, root: String) throws -> Int32 {
        let descriptor = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(path: path + ".lock", code: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw IndexError.indexing(root: root) }
            throw FileError(path: path + ".lock", code: code)
        }
        return descriptor
    }

    package func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
