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
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), !html.dropFirst(3).contains("<p>") {
            html = html.dropFirst(3).dropLast(4)
        }
        self.html = String(html)
        text = document.plainText.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
