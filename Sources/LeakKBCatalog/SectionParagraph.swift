import LeakKBMarkdown

/// The first paragraph under one of an article's `## ` sections, as plain
/// text: what a report quotes of the article (its Fix) beside the command
/// that shows the rest.
package enum SectionParagraph {
    package static func first(in markdown: String, section: String) -> String? {
        var inside = false
        for block in Document(markdown: markdown).blocks {
            switch block {
            case .heading(let level, let content, _) where level <= 2:
                if inside { return nil }
                inside = level == 2 && content.plainText == section
            case .paragraph(let content) where inside:
                return content.plainText
            default:
                continue
            }
        }
        return nil
    }
}
