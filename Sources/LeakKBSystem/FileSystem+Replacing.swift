import LeakKBModel
#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// Writes `text` to a temporary file beside `path`, flushes it and
    /// renames it over `path`: a reader sees the old file or the whole new
    /// one, never half of it, and a failure leaves no temporary file behind.
    package static func replace(_ path: String, with text: String) throws(FileError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let unique = "\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(unique).tmp"
        do throws(FileError) {
            try write(text, to: temporary)
            let fd = open(temporary, O_RDONLY | O_CLOEXEC)
            if fd >= 0 {
                _ = fsync(fd)
                close(fd)
            }
            guard rename(temporary, path) == 0 else { throw FileError(path: path, code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
