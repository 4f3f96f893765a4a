import CCmark
import LeakKBModel
#if canImport(Glibc)
import Glibc
#endif

/// A Markdown document parsed by cmark: its block tree, its safe HTML with
/// heading anchors, and its plain text for the search index.
package struct Document: Sendable {
    package let blocks: [Block]
    package let html: String
    package let headings: [Heading]

    /// Every link destination with the line of the block it stands in.
    package let links: [Located<String>]
    /// The line of the first element nested deeper than `maximumNesting`
    /// levels; the blocks keep its text one level up (the HTML keeps all).
    package let overlyNestedLine: Int?
    /// Block quotes, lists, emphasis and links nested deeper than this are
    /// flattened in `blocks`, and an article holding them is invalid.
    package static let maximumNesting = TreeReader.maximumNesting

    /// Parses CommonMark. Raw HTML and `javascript:` links are dropped from
    /// the HTML (cmark's default safe rendering), since articles are data.
    /// `firstLine` is the file line of the text's first line. cmark parses,
    /// renders and frees without recursion, and `TreeReader` walks its tree
    /// with cmark's iterator, so no input's depth can exhaust the stack.
    /// `publishedLink` gives the HTML's destination for a link written in
    /// the Markdown (an article's `other.md` is a page's `other.html`), or
    /// nil to keep it; `links` keep what was written.
    package init(markdown: String, firstLine: Int = 1, publishedLink: (String) -> String? = { _ in nil }) {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        let root: OpaquePointer = markdown.withCString { cmark_parse_document($0, strlen($0), options) }
        defer { cmark_node_free(root) }
        let tree = TreeReader(root: root, lines: SourceLines(markdown, firstLine: firstLine))
        Self.rewriteLinks(in: root, publishedLink)
        let rendered = cmark_render_html(root, options)!
        defer { free(rendered) }
        blocks = tree.blocks
        headings = tree.headings
        links = tree.links
        overlyNestedLine = tree.overlyNestedLine
        html = Self.addingAnchors(to: String(cString: rendered), headings: headings)
    }

    private static func rewriteLinks(in root: OpaquePointer, _ publishedLink: (String) -> String?) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            let node = cmark_iter_get_node(iterator)
            guard cmark_node_get_type(node) == CMARK_NODE_LINK, let url = cmark_node_get_url(node),
                let published = publishedLink(String(cString: url))
            else { continue }
            cmark_node_set_url(node, published)
        }
    }

    // The walks below recurse, once per level: `TreeReader` keeps blocks
    // at most `maximumNesting` deep.

    /// Every code block, in order.
    package var codeBlocks: [CodeBlock] {
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

    /// The words of the document for full-text search: no markup, code kept.
    package var plainText: String {
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
                candidate + needle.count <= haystack.count
            else { return nil }
            if haystack[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
