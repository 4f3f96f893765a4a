import LeakKBSystem
#if canImport(Glibc)
import Glibc
#endif

/// Writes pages into the staging directory of an export. A page rendered
/// from the same key as in the previous export is hard-linked from it
/// without rendering, and so is a page whose new bytes equal the old: the
/// old site is deleted once the new one is in place, so the files stay
/// whole, and a re-export allocates inodes only for pages that changed
/// (creating ten thousand files right after deleting ten thousand is what
/// made repeated exports slow).
package struct PageWriter: Sendable {
    package let staging: String
    /// The site being replaced, when it is a leakkb export.
    package let previous: String?
    /// The keys the previous export rendered its pages from.
    package let previousKeys: [String: SiteManifest.Entry]

    /// Links `path` from the previous export if it was rendered from `key`;
    /// returns its size in bytes, or nil when the page must be rendered.
    package func reuse(_ path: String, key: UInt64) -> Int? {
        guard let previous, let entry = previousKeys[path], entry.key == key,
            link(previous + "/" + path, staging + "/" + path) == 0
        else { return nil }
        return entry.size
    }

    /// Writes `text` to `path` (relative to the site's root); returns its size in bytes.
    package func write(_ text: String, to path: String) throws(FileError) -> Int {
        let target = staging + "/" + path
        if let previous {
            let old = previous + "/" + path
            if FileSystem.contents(of: old, equal: text), link(old, target) == 0 { return text.utf8.count }
        }
        return try FileSystem.write(text, to: target)
    }
}
