import Dispatch
import Foundation
import Synchronization

/// Writes the whole site to a directory: into a temporary directory beside
/// it first, then renamed into place, so a failure leaves the previous site
/// as it was.
public struct SiteExporter: Sendable {
    public let pages: SitePages
    /// A file every exported site carries, so leakkb only ever replaces its own output.
    public static let marker = ".leakkb-site"

    public init(pages: SitePages) { self.pages = pages }

    public struct Summary: Sendable {
        public let files: Int
        public let bytes: Int
    }

    public func export(to output: String, progress: @Sendable (String) -> Void = { _ in }) throws -> Summary {
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
        try? fm.removeItem(at: staging)
        let writer = PageWriter(staging: staging.path, previous: fm.fileExists(atPath: out.appendingPathComponent(Self.marker).path) ? out.path : nil)
        do {
            for directory in ["", "/assets", "/patterns", "/tags", "/languages"] { try FileSystem.makeDirectories(staging.path + directory) }
            let summary = try write(try files(), with: writer, progress: progress)
            try replace(out, with: staging)
            return summary
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// One file of the site: where it goes and how to render it (nil: no such page after all).
    struct File: Sendable {
        let path: String
        let render: @Sendable () throws -> String?
    }

    /// Every file of the site, the large site-wide ones first so that the
    /// pattern pages fill in around them on the other cores.
    private func files() throws -> [File] {
        let pages = self.pages
        let patterns = try pages.index.listings()
        var files = [
            File(path: "assets/search-data.js") { try pages.searchData() },
            File(path: "index.html") { try pages.home() },
            File(path: "claims.html") { try pages.claims() },
        ]
        files += try pages.index.tags().filter { $0.count > 0 }.map { tag in File(path: "tags/\(tag.name).html") { try pages.tag(tag.name) } }
        files += Set(patterns.map(\.language)).map { language in File(path: "languages/\(language).html") { try pages.language(language) } }
        files += [
            File(path: Self.marker) { "written by leakkb export; the next export replaces this directory\n" },
            File(path: "404.html") { pages.notFound() },
            File(path: "assets/site.css") { pages.templates.stylesheet },
            File(path: "assets/search.js") { pages.templates.script },
        ]
        return files + patterns.map { pattern in File(path: "patterns/\(pattern.slug).html") { try pages.pattern(pattern.slug) } }
    }

    /// Renders and writes the files on every core, each worker taking the next file in turn.
    private func write(_ files: [File], with writer: PageWriter, progress: @Sendable (String) -> Void) throws -> Summary {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let next = Atomic(0)
        let state = Mutex<(files: Int, bytes: Int, error: (any Error)?)>((0, 0, nil))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let number = next.add(1, ordering: .relaxed).oldValue
                guard number < files.count, state.withLock({ $0.error == nil }) else { return }
                do {
                    guard let text = try files[number].render() else { continue }
                    let count = try writer.write(text, to: files[number].path)
                    let done = state.withLock { state -> Int in
                        state.files += 1
                        state.bytes += count
                        return state.files
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
        return Summary(files: result.files, bytes: result.bytes)
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
        if hadOld { try? fm.removeItem(at: aside) }
    }
}
