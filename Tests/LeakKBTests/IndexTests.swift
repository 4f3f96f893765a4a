import Foundation
import GRDB
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

@Suite struct IndexTests {
    typealias KB = TemporaryKnowledgeBase

    func titles(_ index: Index, _ text: String) throws -> [String] {
        try index.search(SearchQuery(parsing: text)).map(\.slug)
    }

    @Test func incrementalRefreshTouchesOnlyWhatChanged() throws {
        let kb = try KB(articles: ["a": KB.article(title: "Alpha"), "b": KB.article(title: "Beta")])
        let index = try kb.index()
        #expect(try index.refresh().added.sorted() == ["a", "b"])
        #expect(try index.refresh().skipped)

        try kb.write("Content/go/a.md", KB.article(title: "Alpha changed"))
        try kb.write("Content/go/c.md", KB.article(title: "Gamma"))
        let changes = try index.refresh()
        #expect(changes.changed == ["a"] && changes.added == ["c"] && changes.removed.isEmpty && changes.unchanged == 1)
        #expect(try index.pattern("a")?.metadata.title == "Alpha changed")

        // Touching a file without changing it re-reads it but rewrites nothing.
        try kb.write("Content/go/b.md", KB.article(title: "Beta"))
        let touched = try index.refresh()
        #expect(touched.isEmpty && touched.unchanged == 3)

        try kb.remove("Content/go/c.md")
        #expect(try index.refresh().removed == ["c"])
        #expect(try index.pattern("c") == nil)
        #expect(try titles(index, "gamma").isEmpty)
    }

    @Test func renameIsARemoveAndAnAdd() throws {
        let kb = try KB(articles: ["old-name": KB.article(title: "Renamed thing")])
        let index = try kb.index()
        try index.refresh()
        try FileManager.default.moveItem(
            atPath: kb.root + "/Content/go/old-name.md", toPath: kb.root + "/Content/go/new-name.md")
        let changes = try index.refresh()
        #expect(changes.added == ["new-name"] && changes.removed == ["old-name"])
        #expect(try titles(index, "renamed") == ["new-name"])
    }

    @Test func invalidEditLeavesThePreviousIndexUntouched() throws {
        let kb = try KB(articles: ["a": KB.article(title: "Alpha"), "b": KB.article(title: "Beta", related: "[a]")])
        let index = try kb.index()
        try index.refresh()
        try kb.write("Content/go/a.md", KB.article(title: "Alpha broken", tags: "[nope]"))
        try kb.write("Content/go/c.md", KB.article(title: "Gamma"))
        #expect(throws: ValidationFailure.self) { try index.refresh() }
        #expect(try index.pattern("a")?.metadata.title == "Alpha")
        #expect(try index.pattern("c") == nil)

        // Removing an article that another one names is caught too.
        try kb.write("Content/go/a.md", KB.article(title: "Alpha"))
        try kb.remove("Content/go/c.md")
        try index.refresh()
        try kb.remove("Content/go/a.md")
        do { try index.refresh(); Issue.record("expected a dangling reference") } catch let failure as ValidationFailure
        {
            #expect(
                failure.diagnostics.map(\.description) == [
                    "Content/go/b.md:8: related pattern 'a' does not exist (it was removed)"
                ])
        }
        #expect(try index.pattern("a") != nil)
    }

    @Test func tagsChangeRevalidatesEverything() throws {
        let kb = try KB(articles: ["a": KB.article(tags: "[slice]")])
        let index = try kb.index()
        try index.refresh()
        try kb.write("Content/tags.yml", "map: maps\n")
        #expect(throws: ValidationFailure.self) { try index.refresh() }
    }

    @Test func titleHitsOutrankBodyHits() throws {
        // bm25 needs the word to be rare across the catalogue to mean anything.
        var others: [String: String] = [:]
        for n in 0..<6 { others["other-\(n)"] = KB.article(title: "Other pattern \(n)") }
        let kb = try KB(
            articles: others.merging([
                "body-mention": KB.article(
                    title: "Unrelated title",
                    body: KB.body(kind: "leak") + "\n## Notes\n\nA ticker mention in the body.\n"),
                "title-mention": KB.article(title: "Ticker not stopped"),
                "summary-mention": KB.article(title: "Something else", summary: "Mentions a ticker."),
            ]) { $1 })
        let index = try kb.index()
        try index.refresh()
        #expect(try titles(index, "ticker") == ["title-mention", "summary-mention", "body-mention"])
        let hit = try index.search(SearchQuery(parsing: "ticker"))[2]
        #expect(hit.snippet.contains(Snippet.open + "ticker" + Snippet.close))
    }

    @Test func prefixFiltersAndSubstrings() throws {
        let kb = try KB(articles: [
            "g": KB.article(
                title: "Goroutine blocked on send", kind: "goroutine-leak", tags: "[goroutine, channel]",
                aliases: "[协程泄漏, goroutine泄漏]"),
            "m": KB.article(title: "Nil map write", kind: "crash", tags: "[map]", aliases: "[空map, map未初始化]"),
        ])
        let index = try kb.index()
        try index.refresh()
        #expect(try titles(index, "gorout") == ["g"])
        #expect(try titles(index, "tag:map") == ["m"])
        #expect(try titles(index, "write kind:crash") == ["m"])
        #expect(try titles(index, "write kind:leak").isEmpty)
        #expect(try titles(index, "空map") == ["m"])
        #expect(try titles(index, "协程") == ["g"])
        #expect(try titles(index, "协程泄漏") == ["g"])
        #expect(try titles(index, "未初始") == ["m"])
        #expect(try index.search(SearchQuery(parsing: "blocked", tag: "map")).isEmpty)
        #expect(try index.tags().first { $0.name == "map" }?.count == 1)
    }

    static let hostile: [String] = [
        "time.After", "foo-bar", "\"", "\"\"", "'", "*", "**", "AND", "OR", "NOT", "AND OR NOT", "NEAR(", "NEAR(a b)",
        "(", ")", "()", "a AND", "title:x", "body:goroutine", "{a b}", "^start", "a:b:c", "-", "--", "+",
        "🙂", "goroutine 🙂", "\\", "%", "_", "a%b", "'; DROP TABLE patterns; --", "\0", "tag:", "kind:nope",
        "lang:", "x\"y", "goroutine*", "\"goroutine", "goroutine\"", "col:goroutine", "#map", "@", "[", "]",
        String(repeating: "a", count: 10_000), String(repeating: "go ", count: 3_000), "", "   ", "\n\t",
        "ﬁ", "é", "ＮＥＡＲ（", "日本語", "a OR b", "NOT goroutine", "1", "0x1F", "-1",
    ]

    /// Whatever a person types, search answers with results or a message, never an SQL error.
    @Test func hostileQueriesNeverReachSQLiteRaw() throws {
        let kb = try KB(articles: ["g": KB.article(title: "Goroutine leak", tags: "[goroutine]")])
        let index = try kb.index()
        try index.refresh()
        for text in Self.hostile {
            do {
                let query = try SearchQuery(parsing: text)
                _ = try index.search(query)
            } catch let error as SearchError {
                #expect(!error.description.isEmpty)
            } catch {
                Issue.record("query \(text.prefix(30).debugDescription) threw \(error)")
            }
        }
        #expect(throws: SearchError.self) { try SearchQuery(parsing: "") }
        #expect(throws: SearchError.self) { try SearchQuery(parsing: "kind:nope") }
        // NEAR is a word here, not an operator: the article is found by its other word.
        #expect(try titles(index, "NEAR( goroutine") == ["g"])
        #expect(try titles(index, "NEAR(") == [])
        #expect(try titles(index, "goroutine*") == ["g"])
    }
}
