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
        var files = 0, bytes = 0
        do {
            func write(_ path: String, _ text: String) throws {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let data = Data(text.utf8)
                try data.write(to: url)
                files += 1
                bytes += data.count
            }
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try write(Self.marker, "written by leakkb export; the next export replaces this directory\n")
            try write("index.html", try pages.home())
            try write("claims.html", try pages.claims())
            try write("404.html", pages.notFound())
            try write("assets/site.css", pages.templates.stylesheet)
            try write("assets/search.js", pages.templates.script)
            try write("assets/search-data.js", try pages.searchData())
            let patterns = try pages.index.patterns()
            let written = try writePatternPages(patterns.map(\.slug), into: staging, progress: progress)
            files += written.files
            bytes += written.bytes
            for tag in try pages.index.tags() where tag.count > 0 {
                if let html = try pages.tag(tag.name) { try write("tags/\(tag.name).html", html) }
            }
            for language in Set(patterns.map(\.language)) {
                if let html = try pages.language(language) { try write("languages/\(language).html", html) }
            }
            try replace(out, with: staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        return Summary(files: files, bytes: bytes)
    }

    /// Pattern pages are most of the site; render and write them on every core.
    private func writePatternPages(_ slugs: [String], into staging: URL, progress: @Sendable (String) -> Void) throws -> Summary {
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("patterns"), withIntermediateDirectories: true)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let state = Mutex<(files: Int, bytes: Int, error: (any Error)?)>((0, 0, nil))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for number in stride(from: worker, to: slugs.count, by: workers) {
                guard state.withLock({ $0.error == nil }) else { return }
                do {
                    guard let html = try pages.pattern(slugs[number]) else { continue }
                    let data = Data(html.utf8)
                    try data.write(to: staging.appendingPathComponent("patterns/\(slugs[number]).html"))
                    let done = state.withLock { state -> Int in
                        state.files += 1
                        state.bytes += data.count
                        return state.files
                    }
                    if done % 1000 == 0 { progress("exported \(done) of \(slugs.count) patterns…") }
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
