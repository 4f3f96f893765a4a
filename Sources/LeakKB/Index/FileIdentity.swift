#if canImport(Glibc)
import Glibc
#endif

/// Which file a path names right now (device and inode): a file deleted and
/// created again, or replaced by a rename, is another file under the same path.
struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    /// nil when nothing is at `path`.
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
