import Foundation
import GRDB
import LeakKBModel

extension Index {
    /// Column weights for bm25: title ≫ aliases, tags ≫ summary ≫ body.
    package static let weights = "10.0, 6.0, 6.0, 3.0, 1.0"

    /// Ranked full-text search, snippets computed for the returned page only:
    /// ordered by FTS5's own `rank` (set to the weighted bm25 for this query),
    /// FTS5 sorts the matches itself and the outer SELECT, with its
    /// `snippet()`, runs only for the rows the LIMIT lets through. (`ORDER BY
    /// bm25(…)` would leave the sorting to SQLite, which computes every
    /// column, snippet included, for every match first.) Falls back to the
    /// trigram index for substrings and CJK text the word index does not split.
    public func search(_ query: SearchQuery, limit: Int = 20) throws -> [SearchHit] {
        let limit = max(1, min(limit, 100))
        return try read { db in
            guard let match = query.matchExpression else {
                return try Self.filtered(query, limit: limit, in: db)
            }
            let (filterSQL, filterArguments) = Self.filterClause(query)
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT p.id, p.slug, p.title, p.language, p.kind, p.tags, p.summary, rank AS score,
                               snippet(patterns_fts, -1, ?, ?, '…', 14) AS snippet
                        FROM patterns_fts JOIN patterns p ON p.id = patterns_fts.rowid
                        WHERE patterns_fts MATCH ? AND rank MATCH 'bm25(\(Self.weights))' \(filterSQL)
                        ORDER BY rank LIMIT ?
                        """),
                arguments: StatementArguments([Snippet.open, Snippet.close, match]) + filterArguments + [limit])
            guard !rows.isEmpty else { return try Self.substringSearch(query, limit: limit, in: db) }
            return try rows.map { row in try Self.hit(row, snippet: row["snippet"], score: row["score"]) }
        }
    }

    /// Words the tokenizer keeps whole (`协程泄漏`, `空map`) or parts of words
    /// are found here: the trigram index for words of three characters or
    /// more, a scan of the short fields for shorter ones.
    private static func substringSearch(_ query: SearchQuery, limit: Int, in db: Database) throws -> [SearchHit] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        for word in query.words {
            if word.count >= 3 {
                conditions.append("p.id IN (SELECT rowid FROM patterns_trigram WHERE patterns_trigram MATCH ?)")
                arguments += ["\"" + word.replacing("\"", with: "\"\"") + "\""]
            } else {
                conditions.append(
                    "instr(lower(p.title || ' ' || p.aliases || ' ' || p.tags || ' ' || p.summary), lower(?)) > 0")
                arguments += [word]
            }
        }
        let (filterSQL, filterArguments) = filterClause(query)
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT p.id FROM patterns p WHERE \(conditions.joined(separator: " AND ")) \(filterSQL)
                ORDER BY length(p.title), p.slug LIMIT ?
                """, arguments: arguments + filterArguments + [limit])
        let hits = try hits(ids: ids, in: db)
        return ids.compactMap { hits[$0] }.map { $0.with(score: 0, snippet: highlight(query.words, in: $0.summary)) }
    }

    private static func filtered(_ query: SearchQuery, limit: Int, in db: Database) throws -> [SearchHit] {
        let (filterSQL, filterArguments) = filterClause(query)
        let ids = try Int64.fetchAll(
            db, sql: "SELECT p.id FROM patterns p WHERE 1 \(filterSQL) ORDER BY p.title LIMIT ?",
            arguments: filterArguments + [limit])
        let hits = try hits(ids: ids, in: db)
        return ids.compactMap { hits[$0] }
    }

    package static func filterClause(_ query: SearchQuery) -> (String, StatementArguments) {
        var sql = ""
        var arguments = StatementArguments()
        if let tag = query.tag {
            sql += " AND EXISTS (SELECT 1 FROM pattern_tags t WHERE t.pattern_id = p.id AND t.tag = ?)"
            arguments += [tag]
        }
        if let language = query.language {
            sql += " AND p.language = ?"
            arguments += [language]
        }
        if let kind = query.kind {
            sql += " AND p.kind = ?"
            arguments += [kind.rawValue]
        }
        return (sql, arguments)
    }

    /// The listed patterns as hits without score, snippet = summary.
    private static func hits(ids: [Int64], in db: Database) throws -> [Int64: SearchHit] {
        var result: [Int64: SearchHit] = [:]
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, slug, title, language, kind, tags, summary FROM patterns
                    WHERE id IN (SELECT value FROM json_each(?))
                    """), arguments: [jsonList(ids)])
        for row in rows { result[row["id"]] = try hit(row, snippet: row["summary"]) }
        return result
    }

    private static func hit(_ row: Row, snippet: String, score: Double = 0) throws(UnreadableValue) -> SearchHit {
        let tags: String = row["tags"]
        let kind = try row.decodeRaw(Kind.self, column: "kind", what: "kind")
        return SearchHit(
            slug: row["slug"], title: row["title"], language: row["language"], kind: kind,
            tags: tags.split(separator: " ").map(String.init), summary: row["summary"],
            snippet: snippet, score: score)
    }

    private static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    private static func highlight(_ words: [String], in text: String) -> String {
        var result = text
        for word in words {
            if let range = result.range(of: word, options: .caseInsensitive) {
                result.replaceSubrange(range, with: Snippet.open + result[range] + Snippet.close)
            }
        }
        return result
    }
}
