import GRDB
import LeakKBModel

/// The short form of a pattern that lists show (site listings, the search
/// data), read from the index's columns: decoding the front matter of
/// ten thousand patterns for their titles was a tenth of an export.
package struct PatternListing: Sendable {
    package let slug: String
    package let title: String
    package let language: String
    package let kind: Kind
    package let summary: String
    package let tags: [String]
    package let aliases: [String]
    package let symptoms: [String]
    /// The front matter's `affects:` and `fixed_in:`, as written.
    package let affects: String?
    package let fixedIn: String?

    /// Never NULL, and with no ", " inside one (revisions concatenate them):
    /// an absent `affects:` reads as ''.
    package static let columns = """
        p.slug, p.title, p.language, p.kind, p.summary, p.tags, p.aliases, p.symptoms, \
        ifnull(p.affects,''), ifnull(p.fixed_in,'')
        """

    package init(row: Row) throws(UnreadableValue) {
        slug = row["slug"]
        title = row["title"]
        language = row["language"]
        kind = try row.decodeRaw(Kind.self, column: "kind", what: "kind")
        summary = row["summary"]
        tags = (row["tags"] as String).split(separator: " ").map(String.init)
        aliases = (row["aliases"] as String).split(separator: "\n").map(String.init)
        symptoms = (row["symptoms"] as String).split(separator: "\n").map(String.init)
        let affects: String = row[8]
        let fixedIn: String = row[9]
        self.affects = affects.isEmpty ? nil : affects
        self.fixedIn = fixedIn.isEmpty ? nil : fixedIn
    }
}
