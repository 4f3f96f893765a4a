import Dispatch
import Foundation
import LeakKBIndex
import LeakKBModel
import LeakKBSystem
import Synchronization

/// Writes the whole site to a directory: into a temporary directory beside
/// it first, then renamed into place, so a failure leaves the previous site
/// as it was.
package struct SiteExporter: Sendable {
    package let pages: SitePages
    /// A file every exported site carries, so leakkb only ever replaces its
    /// own output; it holds the manifest the next export reuses pages by.
    package static let marker = ".leakkb-site"

    package init(pages: SitePages) { self.pages = pages }

    package struct Summary: Sendable {
        package let files: Int
        package let bytes: Int
        /// Files rendered in this export; the others were the previous export's, unchanged.
        package let rendered: Int
        /// Where the site is: `--out`, or the directory it is a symbolic link to.
        package let directory: String
        /// Files of the previous export that leakkb did not write, carried over (relative paths).
        package let kept: [String]
    }

    /// Writes the site to `output`. A page whose key (what it is made of)
    /// is the one the previous export there recorded is taken over from it
    /// without rendering, unless `full` asks to render everything. Files
    /// leakkb did not write there are kept. A failure at any point leaves
    /// the previous site as it was and no temporary directory behind.
    package func export(
        to output: String, full: Bool = false, progress: @Sendable (String) -> Void = { _ in }
    ) throws -> Summary {
        let out = try Self.directory(output)
        let parent = out.deletingLastPathComponent().path
        do {
            try FileSystem.makeDirectories(parent)
        } catch {
            throw SiteError.cannotWrite(parent, reason: String(cString: strerror(error.code)))
        }
        Self.removeAbandoned(beside: out)
        let staging = parent + "/" + Self.temporaryName(out, "tmp", getpid())
        FileSystem.removeTree(staging)
        let previous = FileSystem.exists(out.path + "/" + Self.marker) ? out.path : nil
        let manifest = previous.map(SiteManifest.init(site:)) ?? SiteManifest()
        let writer = PageWriter(staging: staging, previous: previous, previousKeys: full ? [:] : manifest.entries)
        do {
            for directory in ["", "/assets", "/patterns", "/demos", "/tags", "/languages"] {
                try FileSystem.makeDirectories(staging + directory)
            }
            let written = try writeFiles(with: writer, progress: progress)
            var kept: [String] = []
            if let previous {
                let files = UserFiles(in: previous, listed: manifest.entries, written: Set(written.map(\.path)))
                try files.carry(from: previous, into: staging, out: out.path)
                kept = files.paths
            }
            var next = SiteManifest()
            for file in written { next.entries[file.path] = SiteManifest.Entry(key: file.key, size: file.size) }
            try FileSystem.write(next.text, to: staging + "/" + Self.marker)
            try replace(out.path, with: staging)
            return Summary(
                files: written.count, bytes: written.reduce(0) { $0 + $1.size },
                rendered: written.filter(\.rendered).count, directory: out.path, kept: kept)
        } catch let error as FileError {
            FileSystem.removeTree(staging)
            throw SiteError.cannotWrite(out.path, reason: String(cString: strerror(error.code)))
        } catch {
            FileSystem.removeTree(staging)
            throw error
        }
    }

    /// The directory to write: `output` made absolute, or where it points
    /// when it is a symbolic link (the link stays), checked to be empty,
    /// missing or an earlier export.
    package static func directory(_ output: String) throws(SiteError) -> URL {
        var out = URL(fileURLWithPath: output).standardizedFileURL
        var info = stat()
        if lstat(out.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(out.path, nil) else {
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: out.path)) ?? "?"
                throw .danglingLink(out.path, destination: destination)
            }
            defer { free(resolved) }
            out = URL(fileURLWithPath: String(cString: resolved))
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: out.path) {
            if !entries.isEmpty && !entries.contains(marker) { throw .refusingToReplace(out.path) }
        } else if FileSystem.exists(out.path) {
            throw .refusingToReplace(out.path)  // a file, or a directory leakkb may not read
        }
        return out
    }

    /// `.site.leakkb-tmp-4242`: the staging directory (`tmp`) or the old
    /// site moved aside (`old`) of the export process 4242.
    package static func temporaryName(_ out: URL, _ role: String, _ pid: pid_t) -> String {
        ".\(out.lastPathComponent).leakkb-\(role)-\(pid)"
    }

    /// Removes what exports killed half-way (by a signal, a crash or a
    /// power cut) left beside `out`: the directories of processes that no
    /// longer exist.
    package static func removeAbandoned(beside out: URL) {
        let parent = out.deletingLastPathComponent().path
        // Made once: the parent may hold thousands of entries.
        let prefixes = ["tmp", "old"].map { String(temporaryName(out, $0, 0).dropLast()) }
        for entry in FileSystem.entries(of: parent) {
            for prefix in prefixes {
                guard entry.name.hasPrefix(prefix), let pid = pid_t(entry.name.dropFirst(prefix.count)),
                    pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
                else { continue }
                FileSystem.removeTree(parent + "/" + entry.name)
            }
        }
    }

    /// One file of the site: where it goes, the key of what it is made of,
    /// and how to render it (nil: no such page after all).
    package struct File: Sendable {
        package let path: String
        package let key: UInt64
        package let render: @Sendable () throws -> String?
    }

    /// A file in the staging directory, rendered or linked from the previous export.
    package struct Written: Sendable {
        package let path: String
        package let key: UInt64
        package let size: Int
        package let rendered: Bool
    }

    /// Every file of the site. The search data reads every article's body,
    /// so it starts at once on a thread of its own, while the other files'
    /// keys are worked out and those files written on every core.
    private func writeFiles(with writer: PageWriter, progress: @Sendable (String) -> Void) throws -> [Written] {
        let pages = self.pages
        let revisions = try pages.index.pageRevisions()
        let keys = try PageKeys(pages: pages, revisions: revisions)
        let searchData = File(path: "assets/search-data.js", key: keys.searchData) { try pages.searchData() }
        let early = Mutex<Result<Written?, any Error>?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let result = Result { try Self.write(searchData, with: writer) }
            early.withLock { $0 = result }
        }
        let rest = Result { try write(try files(keys, revisions: revisions), with: writer, progress: progress) }
        // Whatever happened, the search data's thread is done with the staging directory before anyone removes it.
        group.wait()
        let first = try early.withLock { $0! }.get()
        return try rest.get() + (first.map { [$0] } ?? [])
    }

    /// Every file but the search data, the large site-wide ones first so
    /// that the pattern pages fill in around them on the other cores.
    private func files(_ keys: PageKeys, revisions: [PageRevision]) throws -> [File] {
        let pages = self.pages
        // Lists show each pattern's status, so they are made of the runs too.
        let (_, withRuns) = try keys.lists(pages.index)
        func list(_ path: String, _ render: @escaping @Sendable () throws -> String?) -> File {
            File(path: path, key: withRuns, render: render)
        }
        let rows = Lazy { try ListRows(pages.index, templates: pages.templates) }
        let runs = Lazy { try pages.index.latestRunsOfEveryPattern() }
        let every = Lazy { try pages.index.patterns() }
        let bySlug = Lazy {
            Dictionary(try every.value().map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var data = ContentHash()
        data.add(Int64(bitPattern: keys.searchData))
        data.add(try pages.index.runsRevision())
        var files = [
            File(path: "claims.html", key: withRuns) { try pages.claims(latestRuns: runs.value()) },
            File(path: "patterns.json", key: data.value) {
                try pages.patternsJSON(latestRuns: runs.value(), patterns: every.value())
            },
            list("index.html") { try pages.home(rows: rows.value()) },
        ]
        files += try pages.index.tags().filter { $0.count > 0 }.map { tag in
            list("tags/\(tag.name).html") { try pages.tag(tag.name, rows: rows.value()) }
        }
        files += Set(revisions.map(\.language)).map { language in
            list("languages/\(language).html") { try pages.language(language, rows: rows.value()) }
        }
        files += [
            File(path: "404.html", key: keys.assets) { pages.notFound() },
            File(path: "search.html", key: keys.assets) { pages.staticSearch() },
            File(path: "assets/site.css", key: keys.assets) { pages.templates.stylesheet },
            File(path: "assets/search.css", key: keys.assets) { pages.templates.searchStylesheet },
            File(path: "assets/search.js", key: keys.assets) { pages.templates.script },
            File(path: "assets/filters.js", key: keys.assets) { pages.templates.filterScript },
        ]
        return files
            + zip(revisions, keys.patterns(revisions, root: pages.index.root)).map { page, key in
                File(path: "patterns/\(page.slug).html", key: key) {
                    try pages.pattern(
                        page.slug, neighbours: keys.around, latestRuns: runs.value(), every: bySlug.value())
                }
            }
            + zip(revisions, keys.demoPages(revisions, root: pages.index.root)).compactMap { page, key in
                key.map { File(path: "demos/\(page.slug).html", key: $0) { try pages.demoSource(page.slug) } }
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
    private func write(
        _ files: [File], with writer: PageWriter, progress: @Sendable (String) -> Void
    ) throws -> [Written] {
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
    /// the new one is renamed in, the old one is removed. Either rename
    /// failing leaves the old site where it was.
    private func replace(_ out: String, with staging: String) throws(SiteError) {
        let aside =
            (out as NSString).deletingLastPathComponent + "/"
            + Self.temporaryName(URL(fileURLWithPath: out), "old", getpid())
        let hadOld = FileSystem.exists(out)
        if hadOld {
            FileSystem.removeTree(aside)
            guard rename(out, aside) == 0 else { throw .cannotReplace(out, reason: String(cString: strerror(errno))) }
        }
        guard rename(staging, out) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOld { rename(aside, out) }
            throw .cannotReplace(out, reason: reason)
        }
        if hadOld { FileSystem.removeTree(aside) }
    }
}
