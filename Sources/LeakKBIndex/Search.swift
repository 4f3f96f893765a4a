import Foundation
import GRDB
import LeakKBCatalog
import LeakKBModel

extension Index {
    /// Column weights for bm25: title ≫ aliases, symptoms, tags ≫ summary ≫ body.
    package static let weights = "10.0, 6.0, 6.0, 6.0, 3.0, 1.0"

    /// Ranked full-text search that never gives up while any word matches:
    /// articles with every term first, then articles with any term below
    /// them, then substrings (CJK text the word index does not split, parts
    /// of words) the same way. Each term stands for its equivalences. Above
    /// them all come the articles the query names: a title, alias or symptom
    /// that is the query or part of it, the longest first. A myth moves below
    /// the patterns it corrects unless the query names it.
    public func search(_ query: SearchQuery, limit: Int = 20) throws -> [SearchHit] {
        let limit = max(1, min(limit, 100))
        return try read { db in
            guard !query.words.isEmpty else { return try Self.filtered(query, limit: limit, in: db) }
            let terms = SearchTerms(query.words, equivalences: try Self.equivalences(in: db))
            var hits: [SearchHit] = []
            func add(_ more: [SearchHit]) { hits += more.prefix(max(0, limit - hits.count)) }
            add(try Self.fullText(terms.allExpression, terms, query, limit: limit, excluding: hits, in: db))
            if hits.count < limit && terms.terms.count > 1 {
                add(try Self.fullText(terms.anyExpression, terms, query, limit: limit, excluding: hits, in: db))
            }
            if hits.count < limit {
                add(try Self.substrings(terms, all: true, query, limit: limit, excluding: hits, in: db))
            }
            if hits.count < limit && terms.terms.count > 1 {
                add(try Self.substrings(terms, all: false, query, limit: limit, excluding: hits, in: db))
            }
            // Named articles first, the longest name first, else in rank order.
            let named = try Self.named(by: terms, query, in: db)
            let rank = Dictionary(uniqueKeysWithValues: hits.enumerated().map { ($1.slug, $0) })
            let missing = try Self.hits(slugs: named.keys.filter { rank[$0] == nil }.sorted(), in: db)
            hits = (hits + missing).enumerated().sorted { a, b in
                let left = (-(named[a.element.slug] ?? 0), a.offset), right = (-(named[b.element.slug] ?? 0), b.offset)
                return left < right
            }.map(\.element)
            let namesMyths = terms.terms.contains { $0.contains("myth") }
            return Array(try Self.mythsLast(hits, unless: Set(named.keys), namesMyths, in: db).prefix(limit))
        }
    }

    /// The articles whose title, alias or symptom the query names, with the
    /// length of the longest such name: looked up by equality (an index),
    /// one candidate phrase per run of words and per piece of a CJK word,
    /// never by scanning. A name that more than three articles share (内存泄漏)
    /// names none of them.
    private static func named(by terms: SearchTerms, _ query: SearchQuery, in db: Database) throws -> [String: Int] {
        let phrases = jsonList(Array(terms.phrases))
        let (filterSQL, filterArguments) = filterClause(query)
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH names(pattern_id, name) AS (
                    SELECT pattern_id, lower(value) FROM pattern_lists
                    WHERE list IN ('alias', 'symptom') AND lower(value) IN (SELECT value FROM json_each(?))
                    UNION
                    SELECT id, lower(title) FROM patterns WHERE lower(title) IN (SELECT value FROM json_each(?))
                ), specific AS (
                    SELECT name FROM names GROUP BY name HAVING count(DISTINCT pattern_id) <= 3
                )
                SELECT p.slug, max(length(n.name)) AS length
                FROM names n JOIN patterns p ON p.id = n.pattern_id
                WHERE n.name IN (SELECT name FROM specific) \(filterSQL)
                GROUP BY p.slug
                """, arguments: [phrases, phrases] + filterArguments)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["slug"] as String, $0["length"] as Int) })
    }

    /// The matches whose short fields (title, aliases, symptoms, tags,
    /// summary) hold the most terms, bm25 among equals: so a sentence's
    /// words that matter outvote a long body that happens to hold them all.
    /// Candidates come in FTS5's own `rank` order (the weighted bm25, sorted
    /// by FTS5 itself); snippets are made for the chosen page only.
    private static func fullText(
        _ match: String, _ terms: SearchTerms, _ query: SearchQuery, limit: Int, excluding found: [SearchHit],
        in db: Database
    ) throws -> [SearchHit] {
        let (filterSQL, filterArguments) = Self.filterClause(query)
        let candidates = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT p.id, p.title || ' ' || p.aliases || ' ' || p.symptoms || ' ' || p.tags || ' ' || p.summary
                           AS short
                    FROM patterns_fts JOIN patterns p ON p.id = patterns_fts.rowid
                    WHERE patterns_fts MATCH ? AND rank MATCH 'bm25(\(Self.weights))' \(filterSQL)
                      AND p.slug NOT IN (SELECT value FROM json_each(?))
                    ORDER BY rank LIMIT ?
                    """),
            arguments: StatementArguments([match]) + filterArguments + [jsonList(found.map(\.slug)), limit * 3])
        let covered = candidates.map { terms.covered(in: $0["short"]) }
        let chosen = candidates.indices.sorted { (-covered[$0], $0) < (-covered[$1], $1) }.prefix(limit)
            .map { candidates[$0]["id"] as Int64 }
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT p.id, p.slug, p.title, p.language, p.kind, p.tags, p.summary, rank AS score,
                           snippet(patterns_fts, -1, ?, ?, '…', 14) AS snippet
                    FROM patterns_fts JOIN patterns p ON p.id = patterns_fts.rowid
                    WHERE patterns_fts MATCH ? AND rank MATCH 'bm25(\(Self.weights))'
                      AND patterns_fts.rowid IN (SELECT value FROM json_each(?))
                    """), arguments: [Snippet.open, Snippet.close, match, jsonList(chosen)])
        var byID: [Int64: SearchHit] = [:]
        for row in rows { byID[row["id"]] = try Self.hit(row, snippet: row["snippet"], score: row["score"]) }
        return chosen.compactMap { byID[$0] }
    }

    /// Substrings of the short fields: the trigram index for texts of three
    /// characters or more, a scan for shorter ones; every term or any term.
    private static func substrings(
        _ terms: SearchTerms, all: Bool, _ query: SearchQuery, limit: Int, excluding found: [SearchHit],
        in db: Database
    ) throws -> [SearchHit] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        for alternatives in terms.terms {
            var either: [String] = []
            let long = alternatives.filter { $0.count >= 3 }
            if !long.isEmpty {
                either.append("p.id IN (SELECT rowid FROM patterns_trigram WHERE patterns_trigram MATCH ?)")
                arguments += [long.map(SearchTerms.quoted).joined(separator: " OR ")]
            }
            for short in alternatives where short.count < 3 {
                either.append(
                    "instr(lower(p.title || ' ' || p.aliases || ' ' || p.symptoms || ' ' || p.tags || ' ' || p.summary), lower(?)) > 0"
                )
                arguments += [short]
            }
            conditions.append("(" + either.joined(separator: " OR ") + ")")
        }
        let (filterSQL, filterArguments) = filterClause(query)
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT p.id FROM patterns p
                WHERE (\(conditions.joined(separator: all ? " AND " : " OR "))) \(filterSQL)
                  AND p.slug NOT IN (SELECT value FROM json_each(?))
                ORDER BY length(p.title), p.slug LIMIT ?
                """, arguments: arguments + filterArguments + [jsonList(found.map(\.slug)), limit])
        let hits = try hits(ids: ids, in: db)
        let words = terms.terms.flatMap { $0 }
        return ids.compactMap { hits[$0] }.map { $0.with(score: 0, snippet: highlight(words, in: $0.summary)) }
    }

    /// Each myth moves below the last of the patterns it names as related
    /// that the results hold, unless the query names it or myths at all.
    private static func mythsLast(
        _ hits: [SearchHit], unless named: Set<String>, _ namesMyths: Bool, in db: Database
    ) throws -> [SearchHit] {
        let myths = hits.filter { $0.kind == .myth && !named.contains($0.slug) }
        guard !namesMyths, !myths.isEmpty else { return hits }
        let corrected = Dictionary(
            grouping: try Row.fetchAll(
                db,
                sql: """
                    SELECT p.slug AS myth, r.slug AS pattern FROM related r JOIN patterns p ON p.id = r.pattern_id
                    WHERE p.slug IN (SELECT value FROM json_each(?))
                    """, arguments: [jsonList(myths.map(\.slug))]), by: { $0["myth"] as String }
        ).mapValues { Set($0.map { $0["pattern"] as String }) }
        var ordered = hits
        for myth in myths {
            guard let patterns = corrected[myth.slug], let from = ordered.firstIndex(of: myth),
                let last = ordered.lastIndex(where: { patterns.contains($0.slug) && $0.kind != .myth }), last > from
            else { continue }
            ordered.remove(at: from)
            ordered.insert(myth, at: last)
        }
        return ordered
    }

    private static func equivalences(in db: Database) throws -> Equivalences {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT grp, term FROM equivalences ORDER BY grp, position"))
        let groups = Dictionary(grouping: rows, by: { $0["grp"] as Int64 })
        return Equivalences(groups: groups.keys.sorted().map { key in groups[key]!.map { $0["term"] as String } })
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

    /// The named patterns as hits, in the order given.
    private static func hits(slugs: [String], in db: Database) throws -> [SearchHit] {
        guard !slugs.isEmpty else { return [] }
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM patterns WHERE slug IN (SELECT value FROM json_each(?))",
            arguments: [jsonList(slugs)])
        let bySlug = Dictionary(uniqueKeysWithValues: try hits(ids: ids, in: db).values.map { ($0.slug, $0) })
        return slugs.compactMap { bySlug[$0] }
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

    private static func jsonList(_ texts: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(texts)) ?? Data("[]".utf8), as: UTF8.self)
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
