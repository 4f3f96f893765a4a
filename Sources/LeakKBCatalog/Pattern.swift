import LeakKBMarkdown
import LeakKBModel
/// A validated article: its front matter in typed form, its rendered body
/// and the claims its demo must prove.
package struct Pattern: Sendable {
    package let slug: String
    package let language: String
    /// Path relative to the knowledge-base root, e.g. `Content/go/nil-map.md`.
    package let path: String
    package let title: String
    package let kind: Kind
    package let tags: [String]
    package let aliases: [String]
    package let summary: String
    package let affects: String?
    package let fixedIn: String?
    package let demo: String?
    /// The `expect:` lines, parsed, each with its line in the file.
    package let claims: [Located<Claim>]
    /// The `observe:` lines: measured facts that need not tell leaky from fixed.
    package let observations: [Located<Claim>]
    package let relatedReferences: [Located<String>]
    package var related: [String] { relatedReferences.map(\.value) }
    package let sources: [String]
    /// The `symptoms:` lines: error strings, frame names, phrases to search by.
    package let symptoms: [String]
    /// The `signatures:` list: what `leakkb diagnose` looks for, each with its line.
    package let signatures: [Located<Signature>]
    package let document: Document
    /// Hash of the file's bytes; the index re-reads nothing whose hash it has.
    package let sourceHash: String

    /// Every other article this one points at, from `related:` and from
    /// relative `.md` links in the body, with the line that says so.
    package var references: [(slug: String, line: Int, isLink: Bool)] {
        relatedReferences.map { ($0.value, $0.line, false) }
            + document.links.compactMap { link in
                ArticleLink.slug(of: link.value).map { ($0, link.line, true) }
            }
    }
}

/// Reads the slug out of a relative link to another article
/// (`nil-map.md`, `../go/nil-map.md`, `nil-map.md#fix`).
package enum ArticleLink {
    package static func slug(of destination: String) -> String? {
        guard !destination.contains("://"), !destination.hasPrefix("mailto:") else { return nil }
        let path = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path.hasSuffix(".md") else { return nil }
        let file = path.split(separator: "/").last ?? ""
        return String(file.dropLast(3))
    }

    /// Where such a link points on the site and the server, where every
    /// article's page is `patterns/<slug>.html`, fragment kept.
    package static func page(of destination: String) -> String? {
        guard let slug = slug(of: destination) else { return nil }
        let fragment = destination.firstIndex(of: "#").map { String(destination[$0...]) } ?? ""
        return slug + ".html" + fragment
    }
}
