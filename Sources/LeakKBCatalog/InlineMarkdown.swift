import LeakKBMarkdown

/// A line of Markdown shown inline, such as an article's `summary:`: as
/// HTML without the paragraph around it (for lists and headings), and as
/// plain text without markup (for a meta description or search data).
package struct InlineMarkdown: Sendable {
    package let html: String
    package let text: String

    package init(_ markdown: String) {
        let document = Document(markdown: markdown)
        var html = Substring(document.html)
        while html.last?.isNewline == true { html = html.dropLast() }
        // One paragraph, the usual case, loses its tags; anything else keeps its blocks.
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), !Self.containsParagraph(html.dropFirst(3)) {
            html = html.dropFirst(3).dropLast(4)
        }
        self.html = String(html)
        text = Self.oneLine(document.plainText)
    }

    /// Whether `html` opens a paragraph. The bytes answer when they hold
    /// none (the usual case; a search by Characters was a twentieth of an
    /// export); otherwise the Characters do, as they always did.
    private static func containsParagraph(_ html: Substring) -> Bool {
        // "<p>" has no repeated byte, so a mismatch restarts the match at most at its first byte.
        let open: (UInt8, UInt8, UInt8) = (UInt8(ascii: "<"), UInt8(ascii: "p"), UInt8(ascii: ">"))
        var matched = 0
        for byte in html.utf8 {
            let expected = matched == 0 ? open.0 : matched == 1 ? open.1 : open.2
            if byte == expected {
                matched += 1
                if matched == 3 { return html.contains("<p>") }
            } else {
                matched = byte == open.0 ? 1 : 0
            }
        }
        return false
    }

    /// `text`'s lines joined by spaces, blank ones dropped. Text on one line
    /// but for line feeds at its end, the usual case, is that line as it
    /// is; any other is split by Characters.
    private static func oneLine(_ text: String) -> String {
        var line = Substring(text).utf8
        while line.last == UInt8(ascii: "\n") { line = line.dropLast() }
        // Line feed to carriage return, and the lead bytes of U+0085, U+2028 and U+2029.
        if !line.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) {
            return String(Substring(line))
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
