import Foundation
import Testing
@testable import LeakKB

/// glibc's malloc_trim, which Swift's Glibc module does not export.
@_silgen_name("malloc_trim") private func malloc_trim(_ pad: Int) -> Int32

/// Serialized: the memory test reads this process's RSS, so nothing else
/// in this suite may allocate beside it.
@Suite(.serialized) struct MarkdownTests {
    @Test func htmlIsSafeAndHeadingsGetAnchors() {
        let document = Document(markdown: """
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
        let document = Document(markdown: "Intro **bold** [link](x.md)\n\n```go\nm := map[string]int{}\n```\n\n    indented\n", firstLine: 10)
        #expect(document.codeBlocks.map(\.info) == ["go", ""])
        #expect(document.codeBlocks[0].code == "m := map[string]int{}\n")
        #expect(document.codeBlocks[0].line == 12)
        #expect(document.plainText.contains("Intro bold link"))
        #expect(!document.plainText.contains("**"))
        #expect(document.links == [Located("x.md", line: 10)])
    }

    @Test func terminalRenderingShowsStructure() {
        let document = Document(markdown: "## Fix\n\n- one\n- *two*\n\n```go\nx := 1\n```\n")
        let plain = TerminalDocument(style: TerminalStyle(enabled: false)).render(document.blocks)
        #expect(plain == "## Fix\n\n• one\n• two\n\n    x := 1\n")
        let coloured = TerminalDocument(style: TerminalStyle(enabled: true)).render(document.blocks)
        #expect(coloured.contains("\u{1B}[3mtwo\u{1B}[0m"))
    }

    /// cmark's nodes and rendered strings are C allocations: parsing many
    /// documents must not grow the process.
    @Test func parsingTenThousandDocumentsKeepsMemoryFlat() throws {
        let text = String(repeating: "## Heading\n\nSome *text* with `code` and [a link](x.md).\n\n```go\nfunc f() {}\n```\n\n", count: 20)
        for _ in 0..<1_000 { _ = Document(markdown: text) }
        let start = try residentKiB()
        for _ in 0..<10_000 { _ = Document(markdown: text) }
        let middle = try residentKiB()
        for _ in 0..<10_000 { _ = Document(markdown: text) }
        let end = try residentKiB()
        // Leaking only the rendered HTML would add ~25 MiB per 10,000
        // documents, the node tree far more. Other suites run in parallel
        // and move RSS too, so the second batch must not grow beyond noise
        // either way.
        #expect(end - middle < 16 * 1024 && middle - start < 16 * 1024, "RSS \(start) → \(middle) → \(end) KiB")
    }

    func residentKiB() throws -> Int {
        _ = malloc_trim(0) // hand freed arenas back, so RSS shows what is still allocated
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }!
        return Int(line.split(separator: " ")[1])!
    }
}
