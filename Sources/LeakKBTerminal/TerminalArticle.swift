import LeakKBCatalog
import LeakKBMarkdown

/// An article as `leakkb show` prints it: title, metadata, summary, the body
/// rendered for a terminal, its claims, related patterns and sources.
package struct TerminalArticle {
    package let style: TerminalStyle

    package init(style: TerminalStyle) {
        self.style = style
    }

    package func render(_ meta: PatternMetadata, markdown: String) -> String {
        var lines = [
            style.bold(meta.title),
            style.dim(
                "\(meta.slug) · \(meta.kind) · \(meta.language)"
                    + (meta.affects.map { " · affects \($0)" } ?? "") + (meta.fixedIn.map { " · fixed in \($0)" } ?? "")
            ),
            style.dim("tags: " + meta.tags.joined(separator: ", ")),
            "", meta.summary, "",
        ]
        var text =
            lines.joined(separator: "\n") + "\n"
            + TerminalDocument(style: style).render(Document(markdown: markdown).blocks)
        lines = []
        if !meta.claims.isEmpty {
            lines.append("\n" + style.bold(style.cyan("## Claims")) + " (checked by `leakkb demo \(meta.slug)`)")
            lines += meta.claims.map { "  • \($0.text)" }
        }
        if !meta.related.isEmpty { lines.append("\nRelated: " + meta.related.joined(separator: ", ")) }
        if !meta.sources.isEmpty { lines.append("Sources:\n" + meta.sources.map { "  " + $0 }.joined(separator: "\n")) }
        if !lines.isEmpty { text += lines.joined(separator: "\n") + "\n" }
        return text
    }
}
