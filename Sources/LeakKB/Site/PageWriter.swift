#if canImport(Glibc)
import Glibc
#endif

/// Writes pages into the staging directory of an export. A page whose bytes
/// are the same as in the previous export is hard-linked from it instead:
/// the old site is deleted once the new one is in place, so the files stay
/// whole, and a re-export allocates inodes only for pages that changed
/// (creating ten thousand files right after deleting ten thousand is what
/// made repeated exports slow).
struct PageWriter: Sendable {
    let staging: String
    /// The site being replaced, when it is a leakkb export.
    let previous: String?

    /// Writes `text` to `path` (relative to the site's root); returns its size in bytes.
    func write(_ text: String, to path: String) throws(FileError) -> Int {
        let target = staging + "/" + path
        if let previous {
            let old = previous + "/" + path
            if FileSystem.contents(of: old, equal: text), link(old, target) == 0 { return text.utf8.count }
        }
        return try FileSystem.write(text, to: target)
    }
}
