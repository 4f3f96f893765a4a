import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBIndex
@testable import LeakKBMarkdown
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBTerminal

@Suite struct MarkdownTests {
    @Test func htmlIsSafeAndHeadingsGetAnchors() {
        let document = Document(
            markdown: """
                # Title
                ## Why?
                <script>alert(1)</script>
                [bad](javascript:alert(1)) and *em* and `code`
                ## Why?
                """)
        #expect(document.html.contains("<h1 id=\"title\">Title</h1>"))
        #expect(document.html.contains("<h2 id=\"why\">Why?</h2>"))
        #expect(document.html.contains("<h2 id=\"why-2\">Why?</h2>"))
        #expect(!document.html.contains("<script>"))
        #expect(!document.html.contains("javascript:"))
        #expect(document.html.contains("<em>em</em>") && document.html.contains("<code>code</code>"))
        #expect(document.headings.map(\.anchor) == ["title", "why", "why-2"])
    }

    @Test func codeBlocksKeepInfoStringsAndPlainTextDropsMarkup() {
        let document = Document(
            markdown: "Intro **bold** [link](x.md)\n\n```go\nm := map[string]int{}\n```\n\n    indented\n",
            firstLine: 10)
        #expect(document.codeBlocks.map(\.info) == ["go", ""])
        #expect(document.codeBlocks[0].code == "m := map[string]int{}\n")
        #expect(document.codeBlocks[0].line == 12)
        #expect(document.plainText.contains("Intro bold link"))
        #expect(!document.plainText.contains("**"))
        #expect(document.links == [Located("x.md", line: 10)])
    }

    /// CommonMark ends a line at a lone carriage return too; lines are
    /// still named as line feeds count them (a fuzzed article named line 132
    /// of its 119), with CRLF and lone CRs mixed.
    @Test func linesAreCountedByLineFeeds() {
        let document = Document(markdown: "a\r\rb\r\n\r\n[x](x.md)\n\n[y](y.md)\r", firstLine: 5)
        #expect(document.links == [Located("x.md", line: 7), Located("y.md", line: 9)])
        let plain = Document(markdown: "a\r\n\r\n[x](x.md)\n", firstLine: 5)
        #expect(plain.links == [Located("x.md", line: 7)])
    }

    @Test func terminalRenderingShowsStructure() {
        let document = Document(markdown: "## Fix\n\n- one\n- *two*\n\n```go\nx := 1\n```\n")
        let plain = TerminalDocument(style: TerminalStyle(enabled: false)).render(document.blocks)
        #expect(plain == "## Fix\n\n• one\n• two\n\n    x := 1\n")
        let coloured = TerminalDocument(style: TerminalStyle(enabled: true)).render(document.blocks)
        #expect(coloured.contains("\u{1B}[3mtwo\u{1B}[0m"))
    }
}
