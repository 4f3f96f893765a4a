import CCmark
#if canImport(Glibc)
import Glibc
#endif

/// A Markdown document parsed by cmark: its block tree, its safe HTML with
/// heading anchors, and its plain text for the search index.
public struct Document: Sendable {
    public let blocks: [Block]
    public let html: String
    public let headings: [Heading]

    /// Parses CommonMark. Raw HTML and `javascript:` links are dropped from
    /// the HTML (cmark's default safe rendering), since articles are data.
    /// `firstLine` is the file line of the text's first line.
    public init(markdown: String, firstLine: Int = 1) {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        let root: OpaquePointer = markdown.withCString { cmark_parse_document($0, strlen($0), options) }
        defer { cmark_node_free(root) }
        let blocks = Self.blocks(under: root, lineOffset: firstLine - 1)
        var anchors = AnchorNames()
        var headings: [Heading] = []
        Self.collectHeadings(blocks, into: &headings, anchors: &anchors)
        let rendered = cmark_render_html(root, options)!
        defer { free(rendered) }
        self.blocks = blocks
        self.headings = headings
        self.html = Self.addingAnchors(to: String(cString: rendered), headings: headings)
    }

    /// Every code block, in order.
    public var codeBlocks: [CodeBlock] {
        var found: [CodeBlock] = []
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .codeBlock(let code): found.append(code)
                case .quote(let inner): walk(inner)
                case .list(_, _, let items): items.forEach(walk)
                default: break
                }
            }
        }
        walk(blocks)
        return found
    }

    /// Every link destination with the line of the block it stands in.
    public var links: [Located<String>] {
        var found: [Located<String>] = []
        func inlines(_ content: [Inline], line: Int) {
            for inline in content {
                switch inline {
                case .link(let destination, let inner):
                    found.append(Located(destination, line: line))
                    inlines(inner, line: line)
                case .emphasis(let inner), .strong(let inner): inlines(inner, line: line)
                default: break
                }
            }
        }
        func walk(_ blocks: [Block], line: Int) {
            for block in blocks {
                switch block {
                case .heading(_, let content, let at): inlines(content, line: at)
                case .paragraph(let content): inlines(content, line: line)
                case .quote(let inner): walk(inner, line: line)
                case .list(_, _, let items): items.forEach { walk($0, line: line) }
                default: break
                }
            }
        }
        // Paragraph lines are not kept; the nearest heading above is close enough to find a link.
        var line = 1
        for block in blocks {
            if case .heading(_, _, let at) = block { line = at }
            walk([block], line: line)
        }
        return found
    }

    /// The words of the document for full-text search: no markup, code kept.
    public var plainText: String {
        var parts: [String] = []
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .heading(_, let content, _), .paragraph(let content): parts.append(content.plainText)
                case .codeBlock(let code): parts.append(code.code)
                case .quote(let inner): walk(inner)
                case .list(_, _, let items): items.forEach(walk)
                case .thematicBreak, .html: break
                }
            }
        }
        walk(blocks)
        return parts.joined(separator: "\n")
    }

    // MARK: - Reading cmark's tree

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func blocks(under node: OpaquePointer, lineOffset: Int) -> [Block] {
        children(of: node).compactMap { block($0, lineOffset: lineOffset) }
    }

    private static func block(_ node: OpaquePointer, lineOffset: Int) -> Block? {
        let line = Int(cmark_node_get_start_line(node)) + lineOffset
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), content: inlines(under: node), line: line)
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(under: node))
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .codeBlock(CodeBlock(info: info.trimmingWhitespace, code: literal(node), line: line))
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(under: node, lineOffset: lineOffset))
        case CMARK_NODE_LIST:
            let items = children(of: node).map { blocks(under: $0, lineOffset: lineOffset) }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), items: items)
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        case CMARK_NODE_HTML_BLOCK:
            return .html(literal(node))
        default:
            return nil
        }
    }

    private static func inlines(under node: OpaquePointer) -> [Inline] {
        children(of: node).compactMap { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: .text(literal(child))
            case CMARK_NODE_CODE: .code(literal(child))
            case CMARK_NODE_EMPH: .emphasis(inlines(under: child))
            case CMARK_NODE_STRONG: .strong(inlines(under: child))
            case CMARK_NODE_LINK:
                .link(destination: cmark_node_get_url(child).map { String(cString: $0) } ?? "", content: inlines(under: child))
            case CMARK_NODE_IMAGE:
                .image(source: cmark_node_get_url(child).map { String(cString: $0) } ?? "", alt: inlines(under: child))
            case CMARK_NODE_SOFTBREAK: .softBreak
            case CMARK_NODE_LINEBREAK: .lineBreak
            case CMARK_NODE_HTML_INLINE: .html(literal(child))
            default: nil
            }
        }
    }

    private static func collectHeadings(_ blocks: [Block], into headings: inout [Heading], anchors: inout AnchorNames) {
        for block in blocks {
            switch block {
            case .heading(let level, let content, let line):
                let text = content.plainText
                headings.append(Heading(level: level, text: text, anchor: anchors.claim(text), line: line))
            case .quote(let inner): collectHeadings(inner, into: &headings, anchors: &anchors)
            case .list(_, _, let items): items.forEach { collectHeadings($0, into: &headings, anchors: &anchors) }
            default: break
            }
        }
    }

    /// cmark writes headings as bare `<hN>` tags in document order, and safe
    /// mode drops raw HTML, so the n-th bare tag is the n-th heading.
    private static func addingAnchors(to html: String, headings: [Heading]) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count + headings.count * 24)
        var rest = html[...]
        for heading in headings {
            let tag = "<h\(heading.level)>"
            guard let range = rest.range(of: tag) else { break }
            result += rest[..<range.lowerBound]
            result += "<h\(heading.level) id=\"\(heading.anchor)\">"
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
