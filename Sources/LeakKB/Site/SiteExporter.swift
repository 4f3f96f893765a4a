import Foundation

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
            for (number, pattern) in patterns.enumerated() {
                if number % 500 == 499 { progress("exported \(number + 1) of \(patterns.count) patterns…") }
                if let html = try pages.pattern(pattern.slug) { try write("patterns/\(pattern.slug).html", html) }
            }
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
