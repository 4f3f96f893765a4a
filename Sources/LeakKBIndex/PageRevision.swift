import GRDB
import LeakKBModel

/// What a pattern's page is made of, as a text that changes whenever that
/// does: the revision of its own row, those of the patterns it names as
/// related (their titles show on it) and the count and last id of its
/// demo runs (runs are only ever added). The export renders a page again
/// only when this, or something every page shares, changed.
package struct PageRevision: Sendable {
    package let slug: String
    /// The title and kind, with the language what orders pages in the catalogue.
    package let title: String
    package let kind: Kind
    package let language: String
    package let demo: String?
    package let revision: String
}

extension Index {
    /// Every pattern's page revision, in the order of `listings()`.
    package func pageRevisions() throws -> [PageRevision] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.slug, p.title, p.kind, p.language, p.demo,
                        p.revision
                        || ' related ' || coalesce((SELECT group_concat(coalesce(q.revision, 'none'), ' ')
                                                    FROM related r LEFT JOIN patterns q INDEXED BY patterns_state ON q.slug = r.slug
                                                    WHERE r.pattern_id = p.id AND r.is_link = 0), '')
                        || ' runs ' || (SELECT count(*) || ' ' || coalesce(max(d.id), 0) FROM runs.demo_runs d WHERE d.slug = p.slug)
                        || ' ' || (SELECT value FROM runs.runs_meta WHERE key = 'epoch')
                        AS revision
                    FROM patterns p \(Self.listingOrder)
                    """
            ).map {
                PageRevision(
                    slug: $0["slug"], title: $0["title"],
                    kind: try $0.decodeRaw(Kind.self, column: "kind", what: "kind"),
                    language: $0["language"], demo: $0["demo"], revision: $0["revision"])
            }
        }
    }

    /// Changes whenever anything that lists of patterns show does (titles,
    /// summaries, kinds, languages, tags and their descriptions, claims),
    /// but not with an article's body: what the home, tag, language and
    /// claims pages are made of.
    package func listingRevision() throws -> String {
        try read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT coalesce((SELECT group_concat(line, char(30)) FROM (
                               SELECT \(PatternListing.columns.replacingOccurrences(of: ", ", with: " || char(31) || ")) AS line
                               FROM patterns p ORDER BY p.slug)), '')
                        || char(29) || coalesce((SELECT group_concat(name || char(31) || description, char(30))
                                                 FROM (SELECT name, description FROM tags ORDER BY name)), '')
                        || char(29) || coalesce((SELECT group_concat(slug || char(31) || text, char(30))
                                                 FROM (SELECT p.slug, c.text FROM claims c JOIN patterns p ON p.id = c.pattern_id
                                                       ORDER BY p.slug, c.position)), '')
                    """) ?? ""
        }
    }

    /// Changes whenever any demo run is recorded (runs are only ever added):
    /// with the listing, what the claims page is made of.
    package func runsRevision() throws -> String {
        try read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT count(*) || ' ' || coalesce(max(id), 0) || ' ' || (SELECT value FROM runs.runs_meta WHERE key = 'epoch')
                    FROM runs.demo_runs
                    """) ?? ""
        }
    }

    /// Changes whenever any article or tag does: what the search data is made of.
    package func articlesRevision() throws -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'revision'") ?? "" }
    }
}
