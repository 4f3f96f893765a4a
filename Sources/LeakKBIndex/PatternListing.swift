import GRDB
import LeakKBModel

/// The short form of a pattern that lists show (site listings, the search
/// data), read from the index's columns: decoding the front matter of
/// ten thousand patterns for their titles was a tenth of an export.
public struct PatternListing: Sendable {
    public let slug: String
    public let title: String
    public let language: String
    public let kind: Kind
    public let summary: String
    public let tags: [String]
    public let aliases: [String]
    public let symptoms: [String]
    /// The front matter's `affects:` and `fixed_in:`, as written.
    public let affects: String?
    public let fixedIn: String?

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
