import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBMarkdown
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem
@testable import LeakKBTerminal

extension ProcessMemorySuites {
    /// 100,000 levels of block quotes, lists, emphasis and links: parsed,
    /// rendered, compared and released without exhausting the stack, and
    /// reported as `file:line: nesting deeper than N` by check and index.
    @Suite struct DeepNestingTests {
        static let levels = 100_000

        /// Bodies whose markup nests 100,000 levels deep in cmark's tree.
        static let deep: [(name: String, markdown: String)] = [
            ("quote", nested("> ", "")),
            ("list", nested("- ", "")),
            ("ordered", nested("1. ", "")),
            ("emphasis", nested("**", "**")),  // two stars a level: strong inside strong
            // Links cannot hold links, but images hold images and links.
            ("image", nested("![", "](u)")),
            ("link", nested("[", "](u)")),
            ("link-in-image", nested("![a [", "](u) b](v)")),
        ]

        /// `open` 100,000 times, a word, then `close` as often.
        static func nested(_ open: String, _ close: String) -> String {
            String(repeating: open, count: levels) + "deep" + String(repeating: close, count: levels) + "\n"
        }

        @Test(arguments: deep.map(\.name))
        func documentIsReadAndFlattened(_ name: String) {
            let markdown = Self.deep.first { $0.name == name }!.markdown
            let document = Document(markdown: markdown, firstLine: 7)
            #expect(Self.depth(of: document.blocks) <= Document.maximumNesting + 1)
            #expect(document.plainText.contains("deep"))
            #expect(document.html.contains("deep"))
            #expect(TerminalDocument(style: TerminalStyle(enabled: true)).render(document.blocks).contains("deep"))
            // Equality, hashing and release of the values all recurse per level.
            #expect(document.blocks == Document(markdown: markdown).blocks)
            #expect(Set(document.blocks).count == document.blocks.count)
            if name != "link" { #expect(document.overlyNestedLine == 7) }
        }

        @Test func shallowNestingIsKeptWhole() {
            let markdown = String(repeating: "> ", count: Document.maximumNesting) + "*x*\n"
            let document = Document(markdown: markdown)
            // 32 quotes and one emphasis: one level too many, on line 1.
            #expect(document.overlyNestedLine == 1)
            let fits = Document(markdown: String(repeating: "> ", count: Document.maximumNesting) + "x\n")
            #expect(fits.overlyNestedLine == nil)
            #expect(Self.depth(of: fits.blocks) == Document.maximumNesting + 1)  // the quotes and the paragraph in them
            #expect(fits.html.components(separatedBy: "<blockquote>").count == Document.maximumNesting + 1)
        }

        @Test func flattenedContentKeepsHeadingsLinksAndCode() {
            let markdown =
                String(repeating: "> ", count: 40) + "## Deep [x](y.md)\n"
                + String(repeating: "> ", count: 40) + "\n" + String(repeating: "> ", count: 40) + "    code\n"
            let document = Document(markdown: markdown, firstLine: 3)
            #expect(document.headings.map(\.text) == ["Deep x"])
            #expect(document.html.contains("<h2 id=\"deep-x\">"))
            #expect(document.links == [Located("y.md", line: 3)])
            #expect(document.codeBlocks.map(\.code) == ["code\n"])
            #expect(document.overlyNestedLine == 3)
        }

        @Test func articleReportsTheLine() throws {
            let body = TemporaryKnowledgeBase.body(kind: "leak") + "\nText.\n\n" + Self.deep[0].markdown
            let kb = try TemporaryKnowledgeBase(articles: ["x": TemporaryKnowledgeBase.article(body: body)])
            let expected = "Content/go/x.md:34: nesting deeper than \(Document.maximumNesting) levels"
            do {
                _ = try Catalog.load(root: kb.root)
                Issue.record("a 100,000-deep article was accepted")
            } catch {
                let described = error.diagnostics.map(\.description)
                #expect(described == [expected + " of block quotes, lists, emphasis or links"])
            }
            #expect(throws: ValidationFailure.self) { try kb.index().refresh() }
        }

        /// The real binary: check and index report every deep article; show and
        /// export, reading an article that turned deep after it was indexed,
        /// answer from the last good index without crashing.
        @Test func commandsSurviveDeepArticles() throws {
            let valid = TemporaryKnowledgeBase.article()
            var articles: [String: String] = [:]
            for (name, _) in Self.deep { articles["deep-\(name)"] = valid }
            let kb = try TemporaryKnowledgeBase(articles: articles)
            #expect(try leakkb(["index"], root: kb.root).status == 0)
            for (name, markdown) in Self.deep {
                let body = TemporaryKnowledgeBase.body(kind: "leak") + "\n" + markdown
                try kb.write("Content/go/deep-\(name).md", TemporaryKnowledgeBase.article(body: body))
            }
            for command in [["check"], ["index"]] {
                let result = try leakkb(command, root: kb.root)
                #expect(result.status == 1, "\(command): \(result.stderr.prefix(2000))")
                for (name, _) in Self.deep where name != "link" {
                    let line = "Content/go/deep-\(name).md:32: nesting deeper than 32 levels"
                    #expect(result.stderr.contains(line), "\(command) \(name)")
                }
            }
            let search = try leakkb(["search", "pattern"], root: kb.root)
            #expect(search.status == 0, "\(search.stderr.prefix(2000))")
            let show = try leakkb(["show", "deep-quote"], root: kb.root)
            #expect(show.status == 0 && show.stdout.contains("│ │ │ deep"), "\(show.stderr.prefix(2000))")
            let site = kb.root + "/site"
            let export = try leakkb(["export", "--out", site], root: kb.root)
            #expect(export.status == 0, "\(export.stderr.prefix(2000))")
            #expect(FileManager.default.fileExists(atPath: site + "/patterns/deep-quote.html"))
        }

        /// How deep a block tree goes, counted without recursion.
        static func depth(of blocks: [Block]) -> Int {
            enum Node { case block(Block), inline(Inline) }
            var pending: [(Node, Int)] = blocks.map { (.block($0), 1) }
            var deepest = 0
            while let (node, level) = pending.popLast() {
                deepest = max(deepest, level)
                switch node {
                case .block(.quote(let inner)): pending += inner.map { (.block($0), level + 1) }
                case .block(.list(_, _, let items)): pending += items.joined().map { (.block($0), level + 1) }
                case .block(.paragraph(let content)), .block(.heading(_, let content, _)):
                    pending += content.map { (.inline($0), level) }
                case .inline(.emphasis(let inner)), .inline(.strong(let inner)), .inline(.link(_, let inner)),
                    .inline(.image(_, let inner)):
                    pending += inner.map { (.inline($0), level + 1) }
                default: break
                }
            }
            return deepest
        }

        struct Result {
            let status: Int32
            let stdout: String
            let stderr: String
        }

        /// Runs the built binary; a crash shows as a status above 128.
        func leakkb(_ arguments: [String], root: String) throws -> Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Repository.binary)
            process.arguments = arguments + ["--root", root]
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "LEAKKB_ROOT")
            process.environment = environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let signalled = process.terminationReason == .uncaughtSignal
            return Result(
                status: signalled ? 128 + process.terminationStatus : process.terminationStatus,
                stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
    }
}
