import Dispatch
import Foundation
import Synchronization

/// Writes the whole site to a directory: into a temporary directory beside
/// it first, then renamed into place, so a failure leaves the previous site
/// as it was.
public struct SiteExporter: Sendable {
    public let pages: SitePages
    /// A file every exported site carries, so leakkb only ever replaces its
    /// own output; it holds the manifest the next export reuses pages by.
    public static let marker = ".leakkb-site"

    public init(pages: SitePages) { self.pages = pages }

    public struct Summary: Sendable {
        public let files: Int
        public let bytes: Int
        /// Files rendered in this export; the others were the previous export's, unchanged.
        public let rendered: Int
    }

    /// Writes the site to `output`. A page whose key (what it is made of)
    /// is the one the previous export there recorded is taken over from it
    /// without rendering, unless `full` asks to render everything.
    public func export(to output: String, full: Bool = false, progress: @Sendable (String) -> Void = { _ in }) throws -> Summary {
        let fm = FileManager.default
        let out = URL(fileURLWithPath: output).standardizedFileURL
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: out.path, isDirectory: &isDirectory) {
            let contents = isDirectory.boolValue ? try fm.contentsOfDirectory(atPath: out.path) : ["(a file)"]
            if !contents.isEmpty && !contents.contains(Self.marker) { throw SiteError.refusingToReplace(out.path) }
        }
        let parent = out.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(out.lastPathComponent).leakkb-tmp-\(getpid())")
        FileSystem.removeTree(staging.path)
        let previous = fm.fileExists(atPath: out.appendingPathComponent(Self.marker).path) ? out.path : nil
        let writer = PageWriter(staging: staging.path, previous: previous,
                                previousKeys: previous.map { full ? [:] : SiteManifest(site: $0).entries } ?? [:])
        do {
            for directory in ["", "/assets", "/patterns", "/tags", "/languages"] { try FileSystem.makeDirectories(staging.path + directory) }
            let written = try writeFiles(with: writer, progress: progress)
            var manifest = SiteManifest()
            for file in written { manifest.entries[file.path] = SiteManifest.Entry(key: file.key, size: file.size) }
            try FileSystem.write(manifest.text, to: staging.path + "/" + Self.marker)
            try replace(out, with: staging)
            return Summary(files: written.count, bytes: written.reduce(0) { $0 + $1.size }, rendered: written.filter(\.rendered).count)
        } catch {
            FileSystem.removeTree(staging.path)
            throw error
        }
    }

    /// One file of the site: where it goes, the key of what it is made of,
    /// and how to render it (nil: no such page after all).
    struct File: Sendable {
        let path: String
        let key: UInt64
        let render: @Sendable () throws -> String?
    }

    /// A file in the staging directory, rendered or linked from the previous export.
    struct Written: Sendable {
        let path: String
        let key: UInt64
        let size: Int
        let rendered: Bool
    }

    /// Every file of the site. The search data reads every article's body,
    /// so it starts at once on a thread of its own, while the other files'
    /// keys are worked out and those files written on every core.
    private func writeFiles(with writer: PageWriter, progress: @Sendable (String) -> Void) throws -> [Written] {
        let pages = self.pages
        let keys = try PageKeys(pages: pages)
        let searchData = File(path: "assets/search-data.js", key: keys.searchData) { try pages.searchData() }
        let early = Mutex<Result<Written?, any Error>?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let result = Result { try Self.write(searchData, with: writer) }
            early.withLock { $0 = result }
        }
        let rest = Result { try write(try files(keys), with: writer, progress: progress) }
        // Whatever happened, the search data's thread is done with the staging directory before anyone removes it.
        group.wait()
        let first = try early.withLock { $0! }.get()
        return try rest.get() + (first.map { [$0] } ?? [])
    }

    /// Every file but the search data, the large site-wide ones first so
    /// that the pattern pages fill in around them on the other cores.
    private func files(_ keys: PageKeys) throws -> [File] {
        let pages = self.pages
        let revisions = try pages.index.pageRevisions()
        let (lists, claims) = try keys.lists(pages.index)
        func list(_ path: String, _ render: @escaping @Sendable () throws -> String?) -> File {
            File(path: path, key: lists, render: render)
        }
        var files = [
            File(path: "claims.html", key: claims) { try pages.claims() },
            list("index.html") { try pages.home() },
        ]
        files += try pages.index.tags().filter { $0.count > 0 }.map { tag in list("tags/\(tag.name).html") { try pages.tag(tag.name) } }
        files += Set(revisions.map(\.language)).map { language in list("languages/\(language).html") { try pages.language(language) } }
        files += [
            File(path: "404.html", key: keys.assets) { pages.notFound() },
            File(path: "assets/site.css", key: keys.assets) { pages.templates.stylesheet },
            File(path: "assets/search.js", key: keys.assets) { pages.templates.script },
        ]
        return files + zip(revisions, keys.patterns(revisions, root: pages.index.root)).map { page, key in
            File(path: "patterns/\(page.slug).html", key: key) { try pages.pattern(page.slug) }
        }
    }

    /// Links the file from the previous export when its key is the one
    /// recorded there; renders and writes it otherwise.
    private static func write(_ file: File, with writer: PageWriter) throws -> Written? {
        if let size = writer.reuse(file.path, key: file.key) {
            return Written(path: file.path, key: file.key, size: size, rendered: false)
        }
        guard let text = try file.render() else { return nil }
        return Written(path: file.path, key: file.key, size: try writer.write(text, to: file.path), rendered: true)
    }

    /// Writes the files on every core, each worker taking the next file in turn.
    private func write(_ files: [File], with writer: PageWriter, progress: @Sendable (String) -> Void) throws -> [Written] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let next = Atomic(0)
        let state = Mutex<(written: [Written], error: (any Error)?)>(([], nil))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let number = next.add(1, ordering: .relaxed).oldValue
                guard number < files.count, state.withLock({ $0.error == nil }) else { return }
                do {
                    guard let written = try Self.write(files[number], with: writer) else { continue }
                    let done = state.withLock { state -> Int in
                        state.written.append(written)
                        return state.written.count
                    }
                    if done % 1000 == 0 { progress("exported \(done) of \(files.count) files…") }
                } catch {
                    state.withLock { $0.error = $0.error ?? error }
                    return
                }
            }
        }
        let result = state.withLock { $0 }
        if let error = result.error { throw error }
        return result.written
    }

    /// Swaps the finished directory into place: the old site moves aside,
    /// the new one is renamed in, the old one is removed.
    private func replace(_ out: URL, with staging: URL) throws {
        let fm = FileManager.default
        let aside = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).leakkb-old-\(getpid())")
        let hadOld = fm.fileExists(atPath: out.path)
        if hadOld { try fm.moveItem(at: out, to: aside) }
        do {
            try fm.moveItem(at: staging, to: out)
        } catch {
            if hadOld { try? fm.moveItem(at: aside, to: out) }
            throw SiteError.cannotWrite(out.path, "\(error)")
        }
        if hadOld { FileSystem.removeTree(aside.path) }
    }
}
