/// A block of a Markdown document, copied out of cmark's tree so the C tree
/// can be freed as soon as a document is parsed. Never deeper than
/// `Document.maximumNesting`: comparing, hashing, walking and releasing a
/// value recurse once per level.
package indirect enum Block: Sendable, Hashable {
    case heading(level: Int, content: [Inline], line: Int)
    case paragraph([Inline])
    case codeBlock(CodeBlock)
    case quote([Block])
    case list(ordered: Bool, start: Int, items: [[Block]])
    case thematicBreak
    /// Raw HTML: kept for plain text, never rendered (safe mode).
    case html(String)
}

/// An inline element of a Markdown paragraph or heading.
package indirect enum Inline: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, content: [Inline])
    case image(source: String, alt: [Inline])
    case softBreak
    case lineBreak
    case html(String)
}

/// A fenced or indented code block with its info string (`go`, `sh`, …).
package struct CodeBlock: Sendable, Hashable, Codable {
    package let info: String
    package let code: String
    package let line: Int
}

/// A heading with the anchor its HTML carries, for tables of contents.
package struct Heading: Sendable, Hashable, Codable {
    package let level: Int
    package let text: String
    package let anchor: String
    package let line: Int
}

extension [Inline] {
    /// The text a reader sees, without markup.
    package var plainText: String {
        map { inline in
            switch inline {
            case .text(let text), .code(let text): text
            case .emphasis(let content), .strong(let content), .link(_, let content), .image(_, let content):
                content.plainText
            case .softBreak, .lineBreak: " "
            case .html: ""
            }
        }.joined()
    }
}
