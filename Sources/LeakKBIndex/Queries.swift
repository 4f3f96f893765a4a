import Foundation
import GRDB
import LeakKBCatalog
import LeakKBModel
import LeakKBSystem

extension Index {
    /// The order every list of patterns is in: the site's lists, the search data, `list`.
    package static let listingOrder = "ORDER BY p.language, p.kind, p.title"

    /// Articles matching the filters, ordered by language, kind and title.
    package func patterns(matching filter: SearchQuery = SearchQuery()) throws -> [PatternMetadata] {
        try read { db in
            let (sql, arguments) = Self.filterClause(filter)
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(PatternLists.columns) FROM patterns p WHERE 1 \(sql) \(Self.listingOrder)",
                arguments: arguments)
            return try PatternLists.metadata(rows, in: db)
        }
    }

    /// The same patterns in the same order as `patterns(matching:)`, in their short form.
    package func listings(matching filter: SearchQuery = SearchQuery()) throws -> [PatternListing] {
        try read { db in
            let (sql, arguments) = Self.filterClause(filter)
            return try Row.fetchAll(
                db, sql: "SELECT \(PatternListing.columns) FROM patterns p WHERE 1 \(sql) \(Self.listingOrder)",
                arguments: arguments
            ).map { try PatternListing(row: $0) }
        }
    }

    /// Every pattern in the order of `listings()`, with its body's search
    /// words (`BodyWords`), for the site's search data.
    package func forEachListing(_ body: (PatternListing, String) throws -> Void) throws {
        try read { db in
            // Sorted without the words, which are then looked up one by one:
            // sorting 10,000 rows of words took longer than the lookups.
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(PatternListing.columns), p.id FROM patterns p \(Self.listingOrder)")
            let words = try db.cachedStatement(sql: "SELECT words FROM body_words WHERE pattern_id = ?")
            for row in rows {
                try body(try PatternListing(row: row), try String.fetchOne(words, arguments: [row["id"]]) ?? "")
            }
        }
    }

    /// How many claims all articles make together (observations are not claims).
    package func claimCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM claims WHERE role = 'claim'") ?? 0 }
    }

    package func pattern(_ slug: String) throws -> PatternDetail? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT \(PatternLists.columns), p.html FROM patterns p WHERE p.slug = ?"),
                    arguments: [slug]),
                let metadata = try PatternLists.metadata([row], in: db).first
            else { return nil }
            return PatternDetail(metadata: metadata, html: row["html"])
        }
    }

    /// An article's rendered HTML, for a page whose front matter is already read.
    package func html(of slug: String) throws -> String? {
        try read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT html FROM patterns WHERE slug = ?"), arguments: [slug])
        }
    }

    /// The titles of the patterns `slugs` names, by slug; a slug no pattern
    /// has is left out. What a page shows of the patterns it links to,
    /// without reading each one whole.
    package func titles(of slugs: [String]) throws -> [String: String] {
        guard !slugs.isEmpty else { return [:] }
        let list = String(decoding: try JSONEncoder().encode(slugs), as: UTF8.self)
        return try read { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT slug, title FROM patterns WHERE slug IN (SELECT value FROM json_each(?))"),
                arguments: [list])
            return Dictionary(rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The closest existing slug, for "did you mean …?".
    package func suggestion(for slug: String) throws -> String? {
        let slugs = try read { db in try String.fetchAll(db, sql: "SELECT slug FROM patterns") }
        if let close = Suggestion.closest(to: slug, among: slugs) { return close }
        return slugs.filter { $0.contains(slug) || slug.contains($0) }.min { $0.count < $1.count }
    }

    package func tags() throws -> [TagCount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.name, t.description, count(pt.pattern_id) AS count
                    FROM tags t LEFT JOIN pattern_tags pt ON pt.tag = t.name
                    GROUP BY t.name ORDER BY count DESC, t.name
                    """
            ).map { TagCount(name: $0["name"], description: $0["description"], count: $0["count"]) }
        }
    }

    /// The article's Markdown body, read from its file: the file is the
    /// source of truth, and keeping a copy in the index would double its size.
    package func markdown(of pattern: PatternMetadata) -> String {
        let path = pattern.path
        guard let bytes = try? FileSystem.read(root + "/" + path, limit: ArticleParser.maximumSize),
            let text = try? ArticleText.split(bytes, file: path)
        else { return "" }
        return text.body
    }

    package func patternCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM patterns") ?? 0 }
    }

    /// Whether the index holds anything to read (a previous good refresh).
    package func hasPatterns() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM patterns)") ?? false }
    }
}
