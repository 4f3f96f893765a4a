/// An article's rendered HTML with a ¶ permalink in each `<h2>` and `<h3>`,
/// and its `<h2>` sections for a table of contents. It reads the headings
/// that `Document` writes (`<h2 id="why">Why</h2>`); HTML that holds none
/// is kept as it is.
package struct ArticleSections {
    package struct Section: Sendable {
        package let id: String
        /// The heading's inner HTML (cmark's, already safe).
        package let title: String
    }

    package let html: String
    package let sections: [Section]

    package init(html source: String) {
        var html = ""
        var sections: [Section] = []
        var rest = source[...]
        while let open = rest.range(of: "<h"), let level = rest[open.upperBound...].first,
            level == "2" || level == "3"
        {
            let tagEnd = rest.index(after: open.upperBound)
            let attribute = " id=\""
            guard rest[tagEnd...].hasPrefix(attribute),
                let idEnd = rest[rest.index(tagEnd, offsetBy: attribute.count)...].range(of: "\">"),
                let close = rest[idEnd.upperBound...].range(of: "</h\(level)>")
            else {
                html += rest[..<tagEnd]
                rest = rest[tagEnd...]
                continue
            }
            let id = String(rest[rest.index(tagEnd, offsetBy: attribute.count)..<idEnd.lowerBound])
            let title = String(rest[idEnd.upperBound..<close.lowerBound])
            if level == "2" { sections.append(Section(id: id, title: title)) }
            html += rest[..<close.lowerBound]
            html += Self.permalink(id) + "</h\(level)>"
            rest = rest[close.upperBound...]
        }
        self.html = html + rest
        self.sections = sections
    }

    /// The ¶ link a heading carries, shown on hover and focus.
    package static func permalink(_ id: String) -> String {
        " <a class=\"permalink\" href=\"#\(id)\" aria-label=\"Link to this section\">¶</a>"
    }
}
