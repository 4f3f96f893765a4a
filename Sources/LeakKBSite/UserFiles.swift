import Foundation
import LeakKBSystem
#if canImport(Glibc)
import Glibc
#endif

/// Files in a previous export that leakkb did not write: a `CNAME`, a
/// `.well-known/` directory, a host's verification page. A static host needs
/// them beside the pages, so an export carries them over into the new site
/// instead of deleting them with the old one. What leakkb wrote is what the
/// old manifest lists; a page it listed and no longer writes goes.
package struct UserFiles {
    /// Paths relative to the site's root, sorted.
    package let paths: [String]

    /// The files (and symbolic links, never followed) under `site` that are
    /// neither listed in its manifest nor written by the new export.
    package init(in site: String, listed: [String: SiteManifest.Entry], written: Set<String>) {
        var found: [String] = []
        var directories = [""]
        while let directory = directories.popLast() {
            guard let dir = opendir(site + "/" + directory) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." || (directory.isEmpty && name == SiteExporter.marker) { continue }
                let path = directory.isEmpty ? name : directory + "/" + name
                if Self.isDirectory(site + "/" + path, type: entry.pointee.d_type) {
                    directories.append(path)
                } else if listed[path] == nil && !written.contains(path) {
                    found.append(path)
                }
            }
        }
        paths = found.sorted()
    }

    private static func isDirectory(_ path: String, type: UInt8) -> Bool {
        if type != UInt8(DT_UNKNOWN) { return type == UInt8(DT_DIR) }
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Hard-links each file into the new site (copies it where links are
    /// not possible). `out` names the site in the error.
    package func carry(from site: String, into staging: String, out: String) throws(SiteError) {
        for path in paths {
            let target = staging + "/" + path
            do {
                if let slash = path.lastIndex(of: "/") {
                    try FileSystem.makeDirectories(staging + "/" + path[..<slash])
                }
            } catch {
                throw .cannotKeep(out + "/" + path, reason: String(cString: strerror(error.code)))
            }
            guard link(site + "/" + path, target) != 0 else { continue }
            let reason = String(cString: strerror(errno))
            if (try? FileManager.default.copyItem(atPath: site + "/" + path, toPath: target)) == nil {
                throw .cannotKeep(out + "/" + path, reason: reason)
            }
        }
    }
}
