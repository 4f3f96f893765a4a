import LeakKBMarkdown
/// Renders a parsed Markdown document for a terminal: headings, emphasis,
/// lists and code blocks, from the same block tree as the HTML.
package struct TerminalDocument {
    package let style: TerminalStyle

    package init(style: TerminalStyle) { self.style = style }

    package func render(_ blocks: [Block]) -> String {
        blocks.map { render($0, indent: "") }.joined(separator: "\n")
    }

    private func render(_ block: Block, indent: String) -> String {
        switch block {
        case .heading(let level, let content, _):
            let text = inline(content)
            return level <= 2
                ? style.bold(style.cyan((level == 1 ? "# " : "## ") + text)) + "\n" : style.bold(text) + "\n"
        case .paragraph(let content):
            return indent
                + inline(content).split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n" + indent) + "\n"
        case .codeBlock(let code):
            let lines = code.code.hasSuffix("\n") ? String(code.code.dropLast()) : code.code
            return lines.split(separator: "\n", omittingEmptySubsequences: false)
                .map { indent + "    " + style.dim(String($0)) }.joined(separator: "\n") + "\n"
        case .quote(let inner):
            return inner.map { render($0, indent: indent + "│ ") }.joined(separator: "\n")
        case .list(let ordered, let start, let items):
            return items.enumerated().map { index, item in
                let marker = ordered ? "\(start + index). " : "• "
                let body = item.map { render($0, indent: indent + String(repeating: " ", count: marker.count)) }
                    .joined()
                return indent + marker + body.dropFirst(indent.count + marker.count)
            }.joined()
        case .thematicBreak:
            return indent + "────────\n"
        case .html:
            return ""
        }
    }

    private func inline(_ content: [Inline]) -> String {
        content.map { item in
            switch item {
            case .text(let text): text
            case .code(let code): style.yellow(code)
            case .emphasis(let inner): style.italic(inline(inner))
            case .strong(let inner): style.bold(inline(inner))
            case .link(let destination, let inner): "\(style.underline(inline(inner))) <\(destination)>"
            case .image(let source, let alt): "[image: \(alt.plainText)] <\(source)>"
            case .softBreak: " "
            case .lineBreak: "\n"
            case .html: ""
            }
        }.joined()
    }
}
