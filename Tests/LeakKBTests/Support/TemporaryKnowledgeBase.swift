import Foundation
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// A knowledge base in a fresh temporary directory, written by a test:
/// real files, real SQLite, real cmark.
struct TemporaryKnowledgeBase {
    let root: String

    static let tags = """
        map: maps
        goroutine: goroutines
        channel: channels
        slice: slices
        panic: panics
        """

    init(tags: String = Self.tags, articles: [String: String] = [:], demos: [String] = []) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("leakkb-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Content/go", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Demos/go", withIntermediateDirectories: true)
        try write("Content/tags.yml", tags)
        for (slug, text) in articles { try write("Content/go/\(slug).md", text) }
        for demo in demos {
            try FileManager.default.createDirectory(
                atPath: root + "/Demos/go/\(demo)", withIntermediateDirectories: true)
        }
    }

    /// One goroutine-leak article whose demo directory is `slug`, with these claims.
    init(goroutineLeakDemo slug: String, claims: [String]) throws {
        let expect = claims.map { "  - \"\($0)\"" }.joined(separator: "\n")
        try self.init(
            articles: [
                slug: Self.article(
                    title: "Figures of \(slug)", kind: "goroutine-leak", tags: "[goroutine]",
                    extra: "demo: \(slug)\nexpect:\n" + expect, body: Self.body(kind: "goroutine-leak"))
            ], demos: [slug])
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: root + "/" + path) }

    func index() throws -> Index { try Index(root: root) }

    /// Copies the repository's `Demos/go/<item>` for each item (`go.mod`, `internal`, a demo), replacing any there.
    func copyRealDemos(_ items: [String]) throws {
        let fm = FileManager.default
        for item in items {
            let target = root + "/Demos/go/\(item)"
            if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
            try fm.copyItem(atPath: Repository.root + "/Demos/go/\(item)", toPath: target)
        }
    }

    /// Shares the repository's Go build cache: the standard library is compiled once per toolchain.
    func shareGoBuildCache() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: Repository.root + "/.leakkb/gocache", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/.leakkb", withIntermediateDirectories: true)
        try fm.createSymbolicLink(
            atPath: root + "/.leakkb/gocache", withDestinationPath: Repository.root + "/.leakkb/gocache")
    }

    /// A valid article; pieces can be replaced to make it invalid.
    static func article(
        title: String = "A pattern", kind: String = "leak", tags: String = "[map]",
        aliases: String = "[]", summary: String = "One line.", related: String = "[]",
        extra: String = "", body: String? = nil
    ) -> String {
        """
        ---
        title: \(title)
        language: go
        kind: \(kind)
        tags: \(tags)
        aliases: \(aliases)
        summary: \(summary)
        related: \(related)
        \(extra)
        ---

        \(body ?? Self.body(kind: kind))
        """
    }

    static func body(kind: String, words: String = "Some words.") -> String {
        let sections =
            kind == "myth"
            ? ["Claim", "Reproduce", "Why", "Verdict"] : ["Symptom", "Why", "Reproduce", "Detect", "Fix"]
        return sections.map { "## \($0)\n\n\(words)\n" }.joined(separator: "\n")
    }
}

/// The repository this test suite belongs to (for the real Content/ and Demos/).
enum Repository {
    static var root: String {
        var path = #filePath
        for _ in 0..<4 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }

    static var fixtures: String { root + "/Tests/LeakKBTests/Fixtures" }
    static var binary: String { root + "/.build/debug/leakkb" }
}
