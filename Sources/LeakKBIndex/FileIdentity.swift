#if canImport(Glibc)
import Glibc
#endif

/// Which file a path names right now (device and inode): a file deleted and
/// created again, or replaced by a rename, is another file under the same path.
package struct FileIdentity: Hashable, Sendable {
    package let device: UInt64
    package let inode: UInt64

    /// nil when nothing is at `path`.
    package init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
