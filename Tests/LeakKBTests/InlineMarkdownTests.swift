import Testing
@testable import LeakKBCatalog
@testable import LeakKBMarkdown

/// A summary's inline HTML and one-line text take byte shortcuts in the
/// usual case; they must be what the Characters give in every case.
@Suite struct InlineMarkdownTests {
    @Test func shortcutsGiveWhatTheCharactersGive() {
        let inputs = [
            "plain", "", "   ", "*em* and `code` <b>x</b> & more", "a\n\nb", "a\nb", "a\r\nb", "line\n", "\nlead",
            "a\u{2028}b", "a\u{2029}b", "a\u{85}b", "a\u{0B}b\u{0C}c", "é日本 – “quoted”", "x\n\n\n", "<p>raw</p>",
            "- a\n- b", "# heading", "a  \nb", "a\\\nb", "> quote\n\nafter", "p\u{301} <p>\u{301}", "`<p>`",
        ]
        for markdown in inputs {
            let document = Document(markdown: markdown)
            var html = Substring(document.html)
            while html.last?.isNewline == true { html = html.dropLast() }
            if html.hasPrefix("<p>"), html.hasSuffix("</p>"), !html.dropFirst(3).contains("<p>") {
                html = html.dropFirst(3).dropLast(4)
            }
            let inline = InlineMarkdown(markdown)
            #expect(inline.html == String(html), "\(markdown)")
            #expect(
                inline.text == document.plainText.split(whereSeparator: \.isNewline).joined(separator: " "),
                "\(markdown)")
        }
    }
}
