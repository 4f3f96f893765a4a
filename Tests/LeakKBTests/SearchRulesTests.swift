import Foundation
import Testing
@testable import LeakKBCatalog
@testable import LeakKBIndex
@testable import LeakKBMarkdown
@testable import LeakKBModel

/// The ranking rules, each on a knowledge base made for it, so that no rule
/// depends on what the live catalogue happens to hold.
@Suite struct SearchRulesTests {
    typealias KB = TemporaryKnowledgeBase

    func slugs(_ kb: KB, _ text: String, limit: Int = 20) throws -> [String] {
        let index = try kb.index()
        try index.refresh()
        return try index.search(SearchQuery(parsing: text), limit: limit).map(\.slug)
    }

    /// All words first; an article with only some of them still comes, below.
    @Test func anyWordFindsWhatAllWordsMiss() throws {
        let kb = try KB(articles: [
            "both": KB.article(title: "Goroutine stuck on a channel"),
            "one": KB.article(title: "Goroutine parked elsewhere"),
        ])
        #expect(try slugs(kb, "goroutine channel") == ["both", "one"])
        #expect(Set(try slugs(kb, "goroutine zebra")) == ["both", "one"])
        #expect(try slugs(kb, "zebra quagga").isEmpty)
    }

    /// A term only in the body still counts as held: an article holding
    /// every term ranks above one with a better title that lacks one, and
    /// an edited body counts from the next refresh.
    @Test func bodyWordsCountForHoldingEveryTerm() throws {
        let kb = try KB(articles: [
            "a-title-only": KB.article(title: "Goroutine stuck forever"),
            "b-body-too": KB.article(
                title: "Goroutine parked", body: KB.body(kind: "leak") + "\nThe quagga waits on it.\n"),
        ])
        #expect(try slugs(kb, "goroutine quagga") == ["b-body-too", "a-title-only"])
        try kb.write(
            "Content/go/b-body-too.md",
            KB.article(title: "Goroutine parked", body: KB.body(kind: "leak") + "\nNothing else here.\n"))
        #expect(try slugs(kb, "goroutine quagga") == ["a-title-only", "b-body-too"])
    }

    /// Function words of a sentence are not required.
    @Test func aSentenceFindsWhatItsWordsFind() throws {
        let kb = try KB(articles: ["p": KB.article(title: "Channel receive blocks")])
        #expect(try slugs(kb, "why does the channel receive block for so long") == ["p"])
    }

    /// A query term stands for its whole group, in both directions, and a
    /// Chinese term also inside a longer word.
    @Test func equivalencesWidenTheQuery() throws {
        let kb = try KB(articles: [
            "oom": KB.article(title: "Killed for using too much", aliases: "[out of memory]"),
            "cn": KB.article(title: "Chinese", aliases: "[内存泄漏]"),
        ])
        try kb.write("Content/equivalences.yml", "- [oom, out of memory]\n- [泄漏, 泄露]\n")
        #expect(try slugs(kb, "OOM") == ["oom"])
        #expect(try slugs(kb, "内存泄露") == ["cn"])
        try kb.remove("Content/equivalences.yml")
        #expect(try slugs(kb, "OOM").isEmpty, "without the file, OOM is only itself")
    }

    /// A title, alias or symptom the query names comes first, however bm25
    /// would rank it; the longer name wins.
    @Test func aNamedArticleComesFirst() throws {
        let noisy = Array(repeating: "timer timer timer leak", count: 50).joined(separator: " ")
        let kb = try KB(articles: [
            "noisy": KB.article(title: "Timer leak everywhere", body: KB.body(kind: "leak") + "\n" + noisy + "\n"),
            "named": KB.article(title: "Something else", aliases: "[timer leak]"),
            "symptom": KB.article(title: "Other", extra: "symptoms: [\"runtime.gopark\"]"),
        ])
        #expect(try slugs(kb, "timer leak") == ["named", "noisy"])
        #expect(try slugs(kb, "timer leak", limit: 1) == ["named"])
        #expect(try slugs(kb, "runtime.gopark") == ["symptom"])
        #expect(try slugs(kb, "goroutines parked in runtime.gopark").first == "symptom")
    }

    /// A myth ranks below the pattern it corrects, unless the query names it.
    @Test func mythsRankBelowThePatternsTheyCorrect() throws {
        let kb = try KB(articles: [
            "myth": KB.article(title: "\"Myth: delete frees map memory\"", kind: "myth", related: "[real]"),
            "real": KB.article(
                title: "A map keeps its size", body: KB.body(kind: "leak") + "\ndelete frees nothing here.\n"),
        ])
        #expect(try slugs(kb, "delete map memory") == ["real", "myth"])
        #expect(try slugs(kb, "myth delete map memory").first == "myth")
        #expect(try slugs(kb, "Myth: delete frees map memory").first == "myth")
    }

    /// Bad equivalences are diagnostics naming file and line, in `check` and on refresh.
    @Test func equivalencesAreValidated() throws {
        let kb = try KB(articles: ["p": KB.article()])
        try kb.write("Content/equivalences.yml", "- [a, b]\n- [c]\n- [b, d]\n- x\n")
        do {
            _ = try Catalog.load(root: kb.root)
            Issue.record("bad equivalences were accepted")
        } catch {
            let found = error.diagnostics.map { "\($0.file):\($0.line): \($0.message)" }
            #expect(found.contains("Content/equivalences.yml:2: a group needs at least two terms"))
            #expect(
                found.contains(
                    "Content/equivalences.yml:3: 'b' is already in the group on line 1; a term belongs to one group"))
            #expect(found.contains("Content/equivalences.yml:4: each group must be a list of terms"))
        }
        #expect(throws: ValidationFailure.self) { try kb.index().refresh() }
    }

    /// A link to another article's Markdown file points at its page.
    @Test func articleLinksPointAtPages() {
        let document = Document(
            markdown: "[a](other.md#fix) [b](../go/x.md) [c](https://go.dev/x.md)", publishedLink: ArticleLink.page(of:)
        )
        #expect(document.html.contains("href=\"other.html#fix\""))
        #expect(document.html.contains("href=\"x.html\""))
        #expect(document.html.contains("href=\"https://go.dev/x.md\""))
        #expect(document.links.map(\.value) == ["other.md#fix", "../go/x.md", "https://go.dev/x.md"])
    }

    /// A hit's snippet comes from its body where the body holds a term,
    /// else it is the summary with the terms marked.
    @Test func snippetsComeFromTheBodyElseTheSummary() throws {
        let kb = try KB(articles: [
            "body": KB.article(
                title: "Quagga in the body", body: KB.body(kind: "leak") + "\nA quagga waits on it.\n"),
            "summary": KB.article(title: "Other", summary: "The quagga summary."),
        ])
        let index = try kb.index()
        try index.refresh()
        let hits = try index.search(SearchQuery(parsing: "quagga"))
        let snippets = Dictionary(uniqueKeysWithValues: hits.map { ($0.slug, $0.snippet) })
        let mark = Snippet.open + "quagga" + Snippet.close
        #expect(snippets["body"]?.contains("A " + mark + " waits on it.") == true, "\(snippets)")
        #expect(snippets["summary"] == "The " + mark + " summary.")
    }

    /// The score is the word index's bm25 (negative, lower is better); an
    /// article only a part of a word finds has none.
    @Test func scoresAreTheWordIndexsBm25() throws {
        let kb = try KB(articles: [
            "word": KB.article(title: "Goroutine parked"),
            "part": KB.article(title: "Subgoroutine parked"),
        ])
        let index = try kb.index()
        try index.refresh()
        let scores = Dictionary(
            uniqueKeysWithValues: try index.search(SearchQuery(parsing: "goroutine")).map { ($0.slug, $0.score) })
        #expect(scores["word"].map { $0 < 0 } == true, "\(scores)")
        #expect(scores["part"] == 0)
    }

    /// Only the first page is scored in full (the body read only for
    /// candidates that could still rank there): every page is the start of
    /// the longest one, which scores every candidate.
    @Test func everyPageStartsTheFullRanking() throws {
        var articles: [String: String] = [:]
        for n in 0..<14 {
            let title = n % 3 == 0 ? "Zebra quagga \(n)" : n % 3 == 1 ? "Zebra \(n)" : "Plain \(n)"
            let words =
                (n % 2 == 0 ? "The quagga and the zebra. " : "Only a quagga here. ") + String(repeating: "x ", count: n)
            articles["a\(n)"] = KB.article(title: title, body: KB.body(kind: "leak", words: words))
        }
        let kb = try KB(articles: articles)
        let index = try kb.index()
        try index.refresh()
        let full = try index.search(SearchQuery(parsing: "zebra quagga"), limit: 100).map(\.slug)
        #expect(full.count == 14)
        for limit in 1..<full.count {
            #expect(
                try index.search(SearchQuery(parsing: "zebra quagga"), limit: limit).map(\.slug)
                    == Array(full.prefix(limit)))
        }
    }

    /// Past the bound on what each word's search reads (more articles hold
    /// the words than `Index.candidatesPerTerm`), the rules and the filters
    /// still hold: the page comes from articles holding every word.
    @Test func theRulesHoldPastTheCandidateBound() throws {
        let many = Index.candidatesPerTerm + 10
        var articles: [String: String] = [:]
        for n in 0..<many {
            let filler = String(repeating: "filler ", count: many - n)
            articles["both-\(100 + n)"] = KB.article(
                title: "Goroutine blocked on a channel \(n)", kind: n < many - 5 ? "crash" : "leak",
                body: KB.body(kind: "leak", words: filler))
        }
        // One of the words, so often that bm25 puts these first for it.
        for n in 0..<5 { articles["aa-one-\(n)"] = KB.article(title: "Goroutine goroutine goroutine \(n)") }
        let kb = try KB(articles: articles)
        let both = try slugs(kb, "goroutine channel", limit: 10)
        #expect(both.count == 10 && both.allSatisfy { $0.hasPrefix("both-") }, "\(both)")
        let leaks = try slugs(kb, "kind:leak goroutine channel", limit: 10)
        #expect(
            leaks == (many - 5..<many).map { "both-\(100 + $0)" } + (0..<5).map { "aa-one-\($0)" }, "\(leaks)")
        let one = try slugs(kb, "goroutine", limit: 8)
        #expect(Array(one.prefix(5)) == (0..<5).map { "aa-one-\($0)" }, "\(one)")
    }
}
