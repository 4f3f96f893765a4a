import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem
@testable import LeakKBTerminal

/// A re-export renders only the pages whose inputs changed and links the
/// rest from the previous site. After every kind of change (an article's
/// body, a related article's title, a real demo run, the demo's source, a
/// removal) the site must be byte for byte what a full render gives.
@Suite(.serialized) struct IncrementalExportTests {
    let kb: TemporaryKnowledgeBase
    let index: Index
    let out: String
    let fresh: String

    init() throws {
        kb = try TemporaryKnowledgeBase(articles: [:])
        let fm = FileManager.default
        try fm.removeItem(atPath: kb.root + "/Demos/go")
        try fm.createDirectory(atPath: kb.root + "/Demos/go", withIntermediateDirectories: true)
        for item in ["go.mod", "internal", "nil-map"] {
            try fm.copyItem(atPath: Repository.root + "/Demos/go/\(item)", toPath: kb.root + "/Demos/go/\(item)")
        }
        try kb.shareGoBuildCache()
        try kb.write(
            "Content/tags.yml", try String(contentsOfFile: Repository.root + "/Content/tags.yml", encoding: .utf8))
        try kb.write(
            "Content/go/nil-map.md",
            try String(contentsOfFile: Repository.root + "/Content/go/nil-map.md", encoding: .utf8)
                .replacingOccurrences(
                    of: "related: [slice-of-nil-maps, concurrent-map-writes]", with: "related: [other]"))
        try kb.write(
            "Content/go/other.md", TemporaryKnowledgeBase.article(title: "The other pattern", tags: "[map, gc]"))
        try kb.write(
            "Content/go/third.md", TemporaryKnowledgeBase.article(title: "A third pattern", tags: "[goroutine]"))
        index = try kb.index()
        try index.refresh()
        out = kb.root + "/site"
        fresh = kb.root + "/fresh"
    }

    /// Re-exports over the previous site, checks it against a full render
    /// into another directory, and returns how many files were rendered.
    func reExport() throws -> Int {
        try index.refresh()
        let summary = try SiteExporter(pages: SitePages(index: index, templates: Templates())).export(to: out)
        let full = try SiteExporter(pages: SitePages(index: index, templates: Templates())).export(
            to: fresh, full: true)
        #expect(full.rendered == full.files)
        #expect(summary.files == full.files)
        let files = try Self.files(in: out)
        #expect(files == (try Self.files(in: fresh)))
        for file in files {
            let (incremental, rendered) = (
                FileManager.default.contents(atPath: out + "/" + file),
                FileManager.default.contents(atPath: fresh + "/" + file)
            )
            #expect(incremental == rendered, "\(file) differs from a full render")
        }
        return summary.rendered
    }

    static func files(in directory: String) throws -> Set<String> {
        Set(
            FileManager.default.enumerator(atPath: directory)!.compactMap { $0 as? String }
                .filter { !FileSystem.isDirectory(directory + "/" + $0) })
    }

    func inodes() throws -> [String: UInt64] {
        var inodes: [String: UInt64] = [:]
        for file in try Self.files(in: out) {
            inodes[file] = try #require(
                FileManager.default.attributesOfItem(atPath: out + "/" + file)[.systemFileNumber] as? UInt64)
        }
        return inodes
    }

    /// The files whose inode changed: written anew rather than linked.
    func written(since before: [String: UInt64]) throws -> Set<String> {
        Set(try inodes().filter { before[$0.key] != $0.value }.map(\.key)).subtracting([SiteExporter.marker])
    }

    func page(_ path: String) throws -> String { try String(contentsOfFile: out + "/" + path, encoding: .utf8) }

    @Test func rendersOnlyWhatChangedAndMatchesAFullRender() async throws {
        let first = try reExport()
        #expect(first == (try Self.files(in: out)).count - 1)  // all but the marker

        var before = try inodes()
        #expect(try reExport() == 0)
        #expect(try written(since: before).isEmpty)

        // A body edit changes the article's page and the search data; the
        // lists (home, tags, claims) show no body and stay as they were.
        try kb.write(
            "Content/go/third.md",
            TemporaryKnowledgeBase.article(
                title: "A third pattern", tags: "[goroutine]",
                body: TemporaryKnowledgeBase.body(kind: "leak", words: "Freshly edited words.")))
        before = try inodes()
        // patterns.json is rendered again (it is made of every article) and comes out the same.
        #expect(try reExport() == 3)
        #expect(try written(since: before) == ["patterns/third.html", "assets/search-data.js"])
        #expect(try page("patterns/third.html").contains("Freshly edited words."))

        // A title shows in lists and on the pages that name it as related.
        try kb.write(
            "Content/go/other.md", TemporaryKnowledgeBase.article(title: "The renamed pattern", tags: "[map, gc]"))
        before = try inodes()
        _ = try reExport()
        let renamed = try written(since: before)
        #expect(
            renamed.isSuperset(of: [
                "patterns/other.html", "patterns/nil-map.html", "index.html", "tags/map.html", "assets/search-data.js",
            ]))
        // A page is rendered again only when it shows the new title (as related, previous or next).
        #expect(
            renamed.contains("patterns/third.html") == (try page("patterns/third.html").contains("The renamed pattern"))
        )
        #expect(try page("patterns/nil-map.html").contains("The renamed pattern"))

        // A real demo run: its pattern's page shows the figures, the claims
        // page the verdicts, the lists the status, patterns.json the record.
        let toolchain = try await GoLanguage().toolchain(explicit: nil, root: Repository.root, environment: [:])
        let report = try await DemoSession(index: index, toolchain: toolchain).run("nil-map")
        #expect(report.passed)
        before = try inodes()
        let lists = try Self.files(in: out).filter {
            $0 == "index.html" || $0.hasPrefix("tags/") || $0.hasPrefix("languages/")
        }
        #expect(try reExport() == 3 + lists.count)
        // Every list is rendered again; those that list nil-map change.
        let showing = try lists.filter { try page($0).contains("patterns/nil-map.html") }
        #expect(try written(since: before) == Set(["patterns/nil-map.html", "claims.html", "patterns.json"] + showing))
        #expect(try page("patterns/nil-map.html").contains(toolchain.version.description))

        // The demo's source shows on its pattern's page and on its own.
        let source = kb.root + "/Demos/go/nil-map/main.go"
        let code = try String(contentsOfFile: source, encoding: .utf8)
        try code.replacingOccurrences(of: "var reg registry", with: "var reg registry // edited").write(
            toFile: source, atomically: true, encoding: .utf8)
        before = try inodes()
        #expect(try reExport() == 2)
        #expect(try written(since: before) == ["patterns/nil-map.html", "demos/nil-map.html"])
        #expect(
            try page("patterns/nil-map.html").contains("// edited") && page("demos/nil-map.html").contains("// edited"))

        // A removed article's page goes, and so does it from every list.
        try kb.remove("Content/go/third.md")
        _ = try reExport()
        #expect(!FileManager.default.fileExists(atPath: out + "/patterns/third.html"))
        #expect(!(try page("index.html")).contains("A third pattern"))

        // A manifest that does not parse is no reason to trust any old page.
        try "written by leakkb export\nnot a manifest line\n".write(
            toFile: out + "/" + SiteExporter.marker, atomically: true, encoding: .utf8)
        #expect(try reExport() == (try Self.files(in: out)).count - 1)
    }
}
