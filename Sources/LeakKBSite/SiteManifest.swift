import LeakKBSystem
/// What the marker file at the root of every export holds: a line saying
/// what wrote the directory, then a line per file with the key it was
/// rendered from and its size, so the next export knows what it may reuse.
package struct SiteManifest {
    package struct Entry {
        package let key: UInt64
        package let size: Int
    }

    package var entries: [String: Entry] = [:]

    package static let heading =
        "written by leakkb export; the next export replaces the files listed here and keeps the others"

    package init() {}

    /// The manifest in `site`'s marker file; empty when there is none or a
    /// line does not parse (everything is then rendered again).
    package init(site: String) {
        guard let bytes = try? FileSystem.read(site + "/" + SiteExporter.marker) else { return }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3, let key = UInt64(fields[0], radix: 16), let size = Int(fields[1]) else {
                entries = [:]
                return
            }
            entries[String(fields[2])] = Entry(key: key, size: size)
        }
    }

    package var text: String {
        var text = Self.heading + "\n"
        for path in entries.keys.sorted() {
            text += String(entries[path]!.key, radix: 16) + " \(entries[path]!.size) " + path + "\n"
        }
        return text
    }
}
