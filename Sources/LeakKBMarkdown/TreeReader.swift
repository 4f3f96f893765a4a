import CCmark
import LeakKBModel

/// Copies cmark's tree into `Block` values in one pass of cmark's iterator,
/// so the depth of a document never reaches the call stack. The values it
/// makes are at most `maximumNesting` levels deep: deeper containers are
/// flattened into the deepest kept one (their text stays, their structure
/// goes) and the first such element's line is kept for a diagnostic,
/// because everything that later walks, compares or releases a `Block`
/// recurses once per level.
package struct TreeReader {
    package static let maximumNesting = 32

    package private(set) var blocks: [Block] = []
    package private(set) var headings: [Heading] = []
    package private(set) var links: [Located<String>] = []
    /// The line of the first element nested deeper than `maximumNesting`.
    package private(set) var overlyNestedLine: Int?

    /// One container being filled, on an explicit stack.
    private struct Frame {
        package enum Kind {
            case document, quote, item, paragraph, emphasis, strong
            case list(ordered: Bool, start: Int)
            case heading(level: Int, line: Int)
            case link(String)
            case image(String)
        }

        package let kind: Kind
        package var blocks: [Block] = []
        package var items: [[Block]] = []
        package var inlines: [Inline] = []

        package var holdsInlines: Bool {
            switch kind {
            case .document, .quote, .item, .list: false
            case .paragraph, .heading, .emphasis, .strong, .link, .image: true
            }
        }

        package var value: Value {
            switch kind {
            case .document, .item: .item(blocks)
            case .quote: .block(.quote(blocks))
            case .list(let ordered, let start): .block(.list(ordered: ordered, start: start, items: items))
            case .paragraph: .block(.paragraph(inlines))
            case .heading(let level, let line): .block(.heading(level: level, content: inlines, line: line))
            case .emphasis: .inline(.emphasis(inlines))
            case .strong: .inline(.strong(inlines))
            case .link(let destination): .inline(.link(destination: destination, content: inlines))
            case .image(let source): .inline(.image(source: source, alt: inlines))
            }
        }
    }

    /// A finished piece, to be put into the container around it.
    private enum Value {
        case block(Block)
        case inline(Inline)
        case item([Block])
    }

    package init(root: OpaquePointer, lines: SourceLines) {
        var stack = [Frame(kind: .document)]
        var nesting = 0
        var flattened = 0  // containers entered past the limit and not yet left
        var line = lines.fileLine(1)
        var anchors = AnchorNames()
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            guard event != CMARK_EVENT_DONE else { break }
            guard let node = cmark_iter_get_node(iterator), node != root else { continue }
            let type = cmark_node_get_type(node)
            let nests = Self.nests(type)
            if event == CMARK_EVENT_ENTER {
                let start = Int(cmark_node_get_start_line(node))
                // Soft and hard breaks carry no position; they take the line before.
                if start > 0 { line = lines.fileLine(start) }
                if type == CMARK_NODE_LINK { links.append(Located(Self.url(node), line: line)) }
                if let leaf = Self.leaf(node, type: type, line: line) {
                    Self.add(leaf, to: &stack)
                } else if nests && nesting >= Self.maximumNesting {
                    flattened += 1
                    if overlyNestedLine == nil { overlyNestedLine = line }
                } else if let kind = Self.kind(node, type: type, line: line) {
                    stack.append(Frame(kind: kind))
                    if nests { nesting += 1 }
                }
            } else if nests && flattened > 0 {
                // Containers entered past the limit are left before those around them: this is one.
                flattened -= 1
            } else if Self.makesFrame(type), stack.count > 1 {
                let frame = stack.removeLast()
                if nests { nesting -= 1 }
                if case .heading(let level, let headingLine) = frame.kind {
                    let text = frame.inlines.plainText
                    headings.append(Heading(level: level, text: text, anchor: anchors.claim(text), line: headingLine))
                }
                Self.add(frame.value, to: &stack)
            }
        }
        blocks = stack[0].blocks
    }

    // MARK: - Node kinds

    /// The containers that make a `Block` or `Inline` one level deeper.
    /// Paragraphs, headings and list items do not: they cannot hold
    /// themselves without one of these in between.
    private static func nests(_ type: cmark_node_type) -> Bool {
        [
            CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK,
            CMARK_NODE_IMAGE,
        ]
        .contains(type)
    }

    private static func makesFrame(_ type: cmark_node_type) -> Bool {
        nests(type) || [CMARK_NODE_ITEM, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING].contains(type)
    }

    private static func kind(_ node: OpaquePointer, type: cmark_node_type, line: Int) -> Frame.Kind? {
        switch type {
        case CMARK_NODE_BLOCK_QUOTE: .quote
        case CMARK_NODE_LIST:
            .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)))
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading(level: Int(cmark_node_get_heading_level(node)), line: line)
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link(url(node))
        case CMARK_NODE_IMAGE: .image(url(node))
        default: nil
        }
    }

    /// The value of a node without children (cmark's iterator enters them
    /// once and never exits), or nil for containers.
    private static func leaf(_ node: OpaquePointer, type: cmark_node_type, line: Int) -> Value? {
        switch type {
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .block(.codeBlock(CodeBlock(info: info.trimmingWhitespace, code: literal(node), line: line)))
        case CMARK_NODE_THEMATIC_BREAK: return .block(.thematicBreak)
        case CMARK_NODE_HTML_BLOCK: return .block(.html(literal(node)))
        case CMARK_NODE_TEXT: return .inline(.text(literal(node)))
        case CMARK_NODE_CODE: return .inline(.code(literal(node)))
        case CMARK_NODE_SOFTBREAK: return .inline(.softBreak)
        case CMARK_NODE_LINEBREAK: return .inline(.lineBreak)
        case CMARK_NODE_HTML_INLINE: return .inline(.html(literal(node)))
        default: return nil
        }
    }

    /// Puts a finished value into the container on top. Flattening can hand
    /// a container an item without its list or a block straight into a
    /// list; those go where they still read. cmark never mixes blocks and
    /// inlines, so a value of the wrong sort cannot arrive.
    private static func add(_ value: Value, to stack: inout [Frame]) {
        let top = stack.count - 1
        let holdsInlines = stack[top].holdsInlines
        switch (stack[top].kind, value) {
        case (_, .inline(let inline)) where holdsInlines:
            stack[top].inlines.append(inline)
        case (.list, .item(let blocks)):
            stack[top].items.append(blocks)
        case (.list, .block(let block)):
            if stack[top].items.isEmpty { stack[top].items.append([]) }
            stack[top].items[stack[top].items.count - 1].append(block)
        case (_, .block(let block)) where !holdsInlines:
            stack[top].blocks.append(block)
        case (_, .item(let blocks)) where !holdsInlines:
            stack[top].blocks += blocks
        default:
            break
        }
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }
}
