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

@Suite struct ValidationTests {
    /// Loads a knowledge base holding one article `x` and returns the problems.
    func problems(_ article: String, demos: [String] = [], others: [String: String] = [:]) throws -> [Diagnostic] {
        var articles = others
        articles["x"] = article
        let kb = try TemporaryKnowledgeBase(articles: articles, demos: demos)
        do {
            _ = try Catalog.load(root: kb.root)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func problems(bytes: Data) throws -> [Diagnostic] {
        let kb = try TemporaryKnowledgeBase()
        try kb.write("Content/go/x.md", bytes)
        do { _ = try Catalog.load(root: kb.root); return [] } catch { return error.diagnostics }
    }

    @Test func validArticleLoads() throws {
        #expect(try problems(TemporaryKnowledgeBase.article()).isEmpty)
    }

    @Test func unknownTagNamesLineAndSuggestion() throws {
        let found = try problems(TemporaryKnowledgeBase.article(tags: "[mapp]"))
        #expect(
            found.map(\.description) == [
                "Content/go/x.md:5: unknown tag 'mapp'; did you mean 'map'? (known tags are listed in Content/tags.yml)"
            ])
    }

    @Test func missingRequiredField() throws {
        let text = TemporaryKnowledgeBase.article().replacingOccurrences(of: "summary: One line.\n", with: "")
        let found = try problems(text)
        #expect(found.count == 1)
        #expect(found[0].message == "missing required field 'summary'")
        #expect(found[0].line == 2)
    }

    @Test func unknownKindAndUnknownField() throws {
        let found = try problems(TemporaryKnowledgeBase.article(kind: "bug", extra: "colour: red"))
        #expect(found.contains { $0.line == 4 && $0.message.hasPrefix("unknown kind 'bug'") })
        #expect(found.contains { $0.line == 9 && $0.message.hasPrefix("unknown field 'colour'") })
    }

    @Test func relatedMustExist() throws {
        let found = try problems(
            TemporaryKnowledgeBase.article(related: "[y, nil-mapp]"),
            others: ["nil-map": TemporaryKnowledgeBase.article()])
        #expect(
            found.map(\.message).sorted() == [
                "related pattern 'nil-mapp' does not exist; did you mean 'nil-map'?",
                "related pattern 'y' does not exist; did you mean 'x'?",
            ])
        #expect(found.allSatisfy { $0.line == 8 })
    }

    @Test func demoDirectoryMustExist() throws {
        let article = TemporaryKnowledgeBase.article(extra: "demo: gone\nexpect: [\"fixed.panic == none\"]")
        #expect(
            try problems(article).map(\.description) == [
                "Content/go/x.md:9: demo directory Demos/go/gone/ does not exist"
            ])
        #expect(
            try problems(article.replacingOccurrences(of: "demo: gone", with: "demo: here"), demos: ["here"]).isEmpty)
    }

    @Test func claimGrammarErrorsNameTheClaimLine() throws {
        let extra = """
            demo: d
            expect:
              - "leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse"
              - "leaky.later.heap_inuse >= 1"
              - "go~1.2: fixed.panic == none"
              - "leaky.after.heap_inuse >= lots"
            """
        let found = try problems(TemporaryKnowledgeBase.article(extra: extra), demos: ["d"])
        #expect(found.map(\.line) == [12, 13, 14])
        #expect(found[0].message.contains("must be before, after or delta"))
        #expect(found[1].message.contains("toolchain guard"))
        #expect(found[2].message.contains("is not a number"))
    }

    @Test func requiredSectionsInOrder() throws {
        let missing = try problems(TemporaryKnowledgeBase.article(body: "## Symptom\n\nx\n\n## Why\n\ny\n"))
        #expect(missing.map(\.message).filter { $0.hasPrefix("missing section") }.count == 3)
        #expect(missing.allSatisfy { $0.line == 11 })
        let swapped = TemporaryKnowledgeBase.body(kind: "leak").replacingOccurrences(of: "## Symptom", with: "## Tmp")
            .replacingOccurrences(of: "## Why", with: "## Symptom").replacingOccurrences(of: "## Tmp", with: "## Why")
        let outOfOrder = try problems(TemporaryKnowledgeBase.article(body: swapped))
        #expect(outOfOrder.contains { $0.message.hasPrefix("section '## ") && $0.message.contains("out of order") })
        #expect(try problems(TemporaryKnowledgeBase.article(kind: "myth")).isEmpty)
    }

    /// Found by ArticleFuzzTests: a file that ends on its closing '---' named
    /// the line after its last for the missing sections.
    @Test func missingSectionsOfAnEmptyBodyNameTheClosingLine() throws {
        let full = TemporaryKnowledgeBase.article(body: "")
        let article = String(full[..<full.range(of: "\n---\n")!.upperBound])
        let lines = article.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(article.hasSuffix("---\n"))
        let missing = try problems(article).filter { $0.message.hasPrefix("missing section") }
        #expect(missing.count == 5)
        #expect(missing.allSatisfy { $0.line == lines })
    }

    /// A bare figure shows a value; as a claim it would claim nothing.
    @Test func aBareFigureIsAnObservationNotAClaim() throws {
        let demo = "demo: d\nexpect:\n  - \"leaky.after.goroutines\"\nobserve:\n  - \"leaky.after.goroutines\""
        let problems = try problems(TemporaryKnowledgeBase.article(extra: demo), demos: ["d"])
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("claims nothing") == true)
        #expect(problems.first?.line == 11)
    }

    @Test func brokenBodyLinks() throws {
        let body =
            TemporaryKnowledgeBase.body(kind: "leak")
            + "\n## See also\n\n[y](y.md) and [x](x.md#fix) and [web](https://go.dev/x.md)\n"
        let found = try problems(TemporaryKnowledgeBase.article(body: body))
        #expect(found.map(\.message) == ["broken link 'y.md': no article 'y'"])
        #expect(found[0].line == 34)
    }

    @Test func languageMustMatchDirectory() throws {
        let found = try problems(
            TemporaryKnowledgeBase.article().replacingOccurrences(of: "language: go", with: "language: java"))
        #expect(
            found.map(\.description) == ["Content/go/x.md:3: language 'java' does not match the directory Content/go/"])
    }

    @Test func duplicateSlugsAcrossLanguages() throws {
        let kb = try TemporaryKnowledgeBase(articles: ["x": TemporaryKnowledgeBase.article()])
        try kb.write(
            "Content/java/x.md",
            TemporaryKnowledgeBase.article().replacingOccurrences(of: "language: go", with: "language: java"))
        #expect(throws: ValidationFailure.self) { try Catalog.load(root: kb.root) }
        do { _ = try Catalog.load(root: kb.root) } catch {
            #expect(error.diagnostics.map(\.file).sorted() == ["Content/go/x.md", "Content/java/x.md"])
            #expect(error.diagnostics.allSatisfy { $0.message.contains("slugs must be unique") })
        }
    }

    @Test func hostileFilesGiveErrorsNotCrashes() throws {
        #expect(
            try problems(bytes: Data()).map(\.message) == [
                "empty file; an article starts with a '---' front matter block"
            ])
        #expect(
            try problems(bytes: Data([0x2D, 0x2D, 0x2D, 0x0A, 0x00, 0x01])).map(\.description) == [
                "Content/go/x.md:2: binary file (NUL byte); articles are UTF-8 Markdown"
            ])
        #expect(
            try problems(bytes: Data("---\ntitle: x\n\nno end\n".utf8)).map(\.message) == [
                "front matter is not closed: no '---' line after line 1"
            ])
        #expect(
            try problems(bytes: Data("---\n- a\n- b\n---\n".utf8)).map(\.message) == [
                "front matter must be a mapping of fields (title: …), found a list"
            ])
        let invalid = Data("---\ntitle: ok\nsummary: caf".utf8) + Data([0xC3, 0x28]) + Data("\n---\n".utf8)
        #expect(try problems(bytes: invalid).map(\.description) == ["Content/go/x.md:3: invalid UTF-8 at byte 27"])
        #expect(
            try problems(bytes: Data("no front matter\n".utf8)).map(\.message) == [
                "missing front matter: the first line must be '---'"
            ])
        let badYAML = try problems(bytes: Data("---\ntitle: [unclosed\nkind: leak\n---\n".utf8))
        #expect(badYAML.count == 1 && badYAML[0].message.hasPrefix("front matter is not valid YAML"))
        let wrongType = try problems(TemporaryKnowledgeBase.article(tags: "map"))
        #expect(wrongType.map(\.message) == ["'tags' must be a list, e.g. tags: [a, b]"])
    }

    @Test func fiveMegabyteArticleIsIndexed() throws {
        let words = String(repeating: "goroutine channel leak memory buffer. ", count: 28_000)
        let text = TemporaryKnowledgeBase.article(body: TemporaryKnowledgeBase.body(kind: "leak", words: words))
        #expect(text.utf8.count > 5_000_000)
        let kb = try TemporaryKnowledgeBase(articles: ["big": text])
        let changes = try kb.index().refresh()
        #expect(changes.added == ["big"])
    }

    @Test func allProblemsAreReportedTogether() throws {
        let kb = try TemporaryKnowledgeBase(articles: [
            "a": TemporaryKnowledgeBase.article(tags: "[nope]"),
            "b": TemporaryKnowledgeBase.article(kind: "oops"),
        ])
        do { _ = try Catalog.load(root: kb.root); Issue.record("expected problems") } catch {
            #expect(Set(error.diagnostics.map(\.file)) == ["Content/go/a.md", "Content/go/b.md"])
            #expect(error.description.hasSuffix("2 problems found"))
        }
    }
}
