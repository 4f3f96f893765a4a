import Foundation
import GRDB

extension Index {
    /// Column weights for bm25: title ≫ aliases, tags ≫ summary ≫ body.
    static let weights = "10.0, 6.0, 6.0, 3.0, 1.0"

    /// Ranked full-text search. Ranks first and computes snippets for the
    /// returned page only: a `snippet()` in the ranking query would run for
    /// every match before the LIMIT. Falls back to the trigram index for
    /// substrings and CJK text the word index does not split.
    public func search(_ query: SearchQuery, limit: Int = 20) throws -> [SearchHit] {
        let limit = max(1, min(limit, 100))
        return try read { db in
            guard let match = query.matchExpression else {
                return try Self.filtered(query, limit: limit, in: db)
            }
            let (filterSQL, filterArguments) = Self.filterClause(query)
            let ranked = try Row.fetchAll(db, sql: """
                SELECT p.id, bm25(patterns_fts, \(Self.weights)) AS score
                FROM patterns_fts JOIN patterns p ON p.id = patterns_fts.rowid
                WHERE patterns_fts MATCH ? \(filterSQL)
                ORDER BY score, p.slug LIMIT ?
                """, arguments: StatementArguments([match]) + filterArguments + [limit])
            if !ranked.isEmpty {
                return try ranked.map { row in
                    let snippet = try String.fetchOne(db, sql: """
                        SELECT snippet(patterns_fts, -1, ?, ?, '…', 14) FROM patterns_fts
                        WHERE patterns_fts MATCH ? AND rowid = ?
                        """, arguments: [Snippet.open, Snippet.close, match, row["id"]]) ?? ""
                    return try Self.hit(id: row["id"], score: row["score"], snippet: snippet, in: db)
                }
            }
            return try Self.substringSearch(query, limit: limit, in: db)
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
                conditions.append("instr(lower(p.title || ' ' || p.aliases || ' ' || p.tags || ' ' || p.summary), lower(?)) > 0")
                arguments += [word]
            }
        }
        let (filterSQL, filterArguments) = filterClause(query)
        let ids = try Int64.fetchAll(db, sql: """
            SELECT p.id FROM patterns p WHERE \(conditions.joined(separator: " AND ")) \(filterSQL)
            ORDER BY length(p.title), p.slug LIMIT ?
            """, arguments: arguments + filterArguments + [limit])
        return try ids.map { id in
            let summary = try String.fetchOne(db, sql: "SELECT summary FROM patterns WHERE id = ?", arguments: [id]) ?? ""
            return try hit(id: id, score: 0, snippet: highlight(query.words, in: summary), in: db)
        }
    }

    private static func filtered(_ query: SearchQuery, limit: Int, in db: Database) throws -> [SearchHit] {
        let (filterSQL, filterArguments) = filterClause(query)
        let ids = try Int64.fetchAll(db, sql: "SELECT p.id FROM patterns p WHERE 1 \(filterSQL) ORDER BY p.title LIMIT ?",
                                     arguments: filterArguments + [limit])
        return try ids.map { id in
            let summary = try String.fetchOne(db, sql: "SELECT summary FROM patterns WHERE id = ?", arguments: [id]) ?? ""
            return try hit(id: id, score: 0, snippet: summary, in: db)
        }
    }

    static func filterClause(_ query: SearchQuery) -> (String, StatementArguments) {
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
            arguments += [kind]
        }
        return (sql, arguments)
    }

    private static func hit(id: Int64, score: Double, snippet: String, in db: Database) throws -> SearchHit {
        let row = try Row.fetchOne(db, sql: "SELECT slug, title, language, kind, tags, summary FROM patterns WHERE id = ?", arguments: [id])!
        let tags: String = row["tags"]
        return SearchHit(slug: row["slug"], title: row["title"], language: row["language"], kind: row["kind"],
                         tags: tags.split(separator: " ").map(String.init), summary: row["summary"],
                         snippet: snippet, score: score)
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
