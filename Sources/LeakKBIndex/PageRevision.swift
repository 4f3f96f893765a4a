import GRDB
import GRDBSQLite
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
                    FROM patterns p INDEXED BY patterns_ranked \(Self.listingOrder)
                    """
            ).map {
                // By position: a name is looked up, lower-cased, at each of 60,000 reads.
                PageRevision(
                    slug: $0[0], title: $0[1], kind: try $0.decodeRaw(Kind.self, column: "kind", what: "kind"),
                    language: $0[3], demo: $0[4], revision: $0[5])
            }
        }
    }

    /// Changes whenever anything that lists of patterns show does (titles,
    /// summaries, kinds, languages, tags and their descriptions, claims),
    /// but not with an article's body: what the home, tag, language and
    /// claims pages are made of. A hash of those columns, read from the
    /// covering index and hashed as they come (all of them as one text
    /// were 2.5 MB and a tenth of an export with nothing to do, at 10,000
    /// articles).
    package func listingRevision() throws -> String {
        try read { db in
            var hash = ContentHash()
            for sql in [
                "SELECT \(PatternListing.columns), p.id FROM patterns p INDEXED BY patterns_ranked ORDER BY p.id",
                "SELECT name, description FROM tags ORDER BY name",
                "SELECT pattern_id, position, text FROM claims ORDER BY pattern_id, position",
            ] {
                let statement = try db.makeStatement(sql: sql)
                let rows = try Row.fetchCursor(statement)
                // Each column's bytes where SQLite holds them: a Row's values
                // (a Data or String each) took most of the time.
                while try rows.next() != nil {
                    for column in 0..<Int32(statement.columnCount) {
                        // The pointer first, then its length, as SQLite asks.
                        if let start = sqlite3_column_blob(statement.sqliteStatement, column) {
                            let bytes = Int(sqlite3_column_bytes(statement.sqliteStatement, column))
                            hash.add(UnsafeRawBufferPointer(start: start, count: bytes))
                        }
                        hash.add(UInt8(0x1f))
                    }
                }
                hash.add(UInt8(0x1d))
            }
            return hash.hex
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
