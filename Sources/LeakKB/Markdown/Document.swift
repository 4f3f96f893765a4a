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
        var links: [Located<String>] = []
        Self.collectLinks(under: root, blockLine: firstLine, lineOffset: firstLine - 1, into: &links)
        self.links = links
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
    public let links: [Located<String>]

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

    private static func collectLinks(under node: OpaquePointer, blockLine: Int, lineOffset: Int, into links: inout [Located<String>]) {
        for child in children(of: node) {
            let start = Int(cmark_node_get_start_line(child))
            // Inline nodes carry no position of their own; they take their block's line.
            let line = start > 0 ? start + lineOffset : blockLine
            if cmark_node_get_type(child) == CMARK_NODE_LINK {
                links.append(Located(cmark_node_get_url(child).map { String(cString: $0) } ?? "", line: line))
            }
            collectLinks(under: child, blockLine: line, lineOffset: lineOffset, into: &links)
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
        guard !headings.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + headings.count * 24)
        var cursor = 0
        for heading in headings {
            let tag = Array("<h\(heading.level)>".utf8)
            guard let at = find(tag, in: bytes, from: cursor) else { break }
            result += bytes[cursor..<at]
            result += "<h\(heading.level) id=\"\(heading.anchor)\">".utf8
            cursor = at + tag.count
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= haystack.count {
            guard let candidate = haystack[index...].firstIndex(of: needle[0]),
                  candidate + needle.count <= haystack.count else { return nil }
            if haystack[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
