import Foundation
import GRDB
import LeakKBCatalog
import LeakKBModel

extension Index {
    /// Column weights for bm25: title ≫ aliases, symptoms, tags ≫ summary ≫ body.
    package static let weights = "10.0, 6.0, 6.0, 6.0, 3.0, 1.0"

    /// Ranked search that never gives up while any word matches. The word
    /// index (each term with its equivalences, the last also as a prefix)
    /// and the substring index (CJK text the word index does not split,
    /// parts of words) only find candidates: the articles holding any term,
    /// and those the query names by title, alias or symptom. `SearchRanking`
    /// orders them, the same function the static site's search runs; then a
    /// myth moves below the patterns it corrects unless the query names it.
    package func search(_ query: SearchQuery, limit: Int = 20) throws -> [SearchHit] {
        let limit = max(1, min(limit, 100))
        return try read { db in
            guard !query.words.isEmpty else { return try Self.filtered(query, limit: limit, in: db) }
            let terms = SearchTerms(query.words, equivalences: try Self.equivalences(in: db))
            let needed = max(limit, Self.mythWindow, Self.candidatesPerTerm)
            let holding =
                try Self.holdingEvery(terms, needed, query, in: db).map { [$0] }
                ?? terms.terms.indices.map { try Self.holding(terms, $0, query, in: db) }
            let named = try Self.named(by: terms, query, in: db)
            let candidates = holding.reduce(Set(named.keys)) { $0.union($1.ids) }
            let ranking = SearchRanking(terms)
            let order = CandidateOrder(holding: holding.map(\.ids))
            // Only the first page and the myths' window need their exact order.
            let best = try Self.best(
                max(limit, Self.mythWindow), of: Array(candidates), ranking, named: named, order, in: db)
            let namedSlugs = Set(best.filter { named[$0.id] != nil }.map(\.hit.slug))
            let namesMyths = terms.terms.joined().contains { SearchRanking.words($0).contains("myth") }
            let ranked = try Self.mythsLast(best.map(\.hit), unless: namedSlugs, namesMyths, in: db).prefix(limit)
            let ids = Dictionary(uniqueKeysWithValues: best.map { ($0.hit.slug, $0.id) })
            let bm25 = holding.reduce(into: [Int64: Double]()) { sum, term in
                for (id, rank) in term.bm25 { sum[id, default: 0] += rank }
            }
            return try Self.withSnippets(Array(ranked), ids: ids, bm25: bm25, ranking, in: db)
        }
    }

    /// How many of the first results a myth may move within.
    package static let mythWindow = 3

    /// How many articles' ids one term's word or substring search may add:
    /// the best by bm25. The real catalogue never comes near it; in a huge
    /// one it bounds what the ranking reads (each candidate's body words) to
    /// where the best results are: at 500 a two-word query over 10,000
    /// articles took 200 ms, at 50 it takes a few.
    package static let candidatesPerTerm = 50

    /// Where at least `needed` articles hold every term as a word, the best
    /// `needed` of them by bm25, as the candidates of every term at once;
    /// nil for one term, or where fewer hold them all. An article holding
    /// every term ranks above one holding some (a name aside, and names are
    /// looked up anyway), so the page comes from these, and each term's own
    /// search (reading every article holding it: 2–3 ms a term over 10,000
    /// articles, against 0.3 ms for this) is skipped.
    private static func holdingEvery(
        _ terms: SearchTerms, _ needed: Int, _ query: SearchQuery, in db: Database
    ) throws -> TermCandidates? {
        guard terms.terms.count > 1 else { return nil }
        let every = terms.terms.indices.map(terms.expression).joined(separator: " AND ")
        let found = try wordMatches(every, needed, query, in: db)
        return found.ids.count < needed ? nil : found
    }

    /// The articles the word index finds for an FTS5 expression, best
    /// first by bm25 (lower is better), at most `limit`.
    private static func wordMatches(
        _ expression: String, _ limit: Int, _ query: SearchQuery, in db: Database
    ) throws -> TermCandidates {
        let (filterSQL, filterArguments) = filterClause(query)
        let join = filterSQL.isEmpty ? "" : filterJoin("patterns_fts")
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT patterns_fts.rowid, rank FROM patterns_fts \(join)
                    WHERE patterns_fts MATCH ? AND rank MATCH 'bm25(\(weights))' \(filterSQL)
                    ORDER BY rank LIMIT ?
                    """),
            arguments: StatementArguments([expression]) + filterArguments + [limit])
        return TermCandidates(
            ids: rows.map { $0[0] },
            bm25: Dictionary(rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first }))
    }

    /// What the filters read, joined to a text index's matches: without
    /// filters the index answers alone. The covering index, because each
    /// article's row (its text and HTML) is a page or more, read for one
    /// column: with it a filtered query took half the time.
    private static func filterJoin(_ table: String) -> String {
        "JOIN patterns p INDEXED BY patterns_ranked ON p.id = \(table).rowid"
    }

    /// The word index's columns other than the body, as an FTS5 column filter.
    private static let shortFields = "{title aliases symptoms tags summary} : "

    /// The articles holding term number `number`, best first: as a word
    /// (the word index, stemmed, by bm25: in a short field where at least
    /// `candidatesPerTerm` hold it there, else anywhere), or inside a word
    /// of a short field (trigrams for three characters or more, a scan of
    /// the short fields' covering index for shorter text).
    private static func holding(
        _ terms: SearchTerms, _ number: Int, _ query: SearchQuery, in db: Database
    ) throws -> TermCandidates {
        let (filterSQL, filterArguments) = filterClause(query)
        let join = { (table: String) in filterSQL.isEmpty ? "" : filterJoin(table) }
        let expression = terms.expression(number)
        // Where enough articles hold the term in a short field, those are
        // its best: one holding it only in its body gets no weight for it.
        // Leaving the body out halves what bm25 reads.
        let inShortFields = try wordMatches(shortFields + expression, candidatesPerTerm, query, in: db)
        let words =
            inShortFields.ids.count == candidatesPerTerm
            ? inShortFields : try wordMatches(expression, candidatesPerTerm, query, in: db)
        var ids = words.ids
        let alternatives = terms.terms[number]
        let long = alternatives.filter { $0.count >= 3 }
        if !long.isEmpty {
            ids.append(
                contentsOf:
                    try Int64.fetchAll(
                        db.cachedStatement(
                            sql: """
                                SELECT patterns_trigram.rowid FROM patterns_trigram \(join("patterns_trigram"))
                                WHERE patterns_trigram MATCH ? \(filterSQL) LIMIT ?
                                """),
                        arguments: StatementArguments([long.map(SearchTerms.quoted).joined(separator: " OR ")])
                            + filterArguments + [candidatesPerTerm]))
        }
        for short in alternatives where short.count < 3 {
            ids.append(
                contentsOf:
                    try Int64.fetchAll(
                        db.cachedStatement(
                            sql: """
                                SELECT p.id FROM patterns p INDEXED BY patterns_ranked
                                WHERE instr(lower(p.title || ' ' || p.aliases || ' ' || p.symptoms || ' ' || p.tags
                                                  || ' ' || p.summary), lower(?)) > 0 \(filterSQL)
                                LIMIT ?
                                """), arguments: StatementArguments([short]) + filterArguments + [candidatesPerTerm]))
        }
        return TermCandidates(ids: ids, bm25: words.bm25)
    }

    /// The articles whose title, alias or symptom the query names, with the
    /// length of the longest such name: looked up by equality (an index),
    /// one candidate phrase per run of words and per piece of a CJK word,
    /// never by scanning. A name that more than three articles share (内存泄漏)
    /// names none of them.
    private static func named(by terms: SearchTerms, _ query: SearchQuery, in db: Database) throws -> [Int64: Int] {
        let phrases = jsonList(Array(terms.phrases))
        // Two lookups and the rest here: as one statement (a union, a
        // grouping and a join) it took a tenth of a one-word query.
        var holders: [String: Set<Int64>] = [:]
        for sql in [
            """
            SELECT lower(value), pattern_id FROM pattern_lists
            WHERE lower(value) IN (SELECT value FROM json_each(?)) AND list IN ('alias', 'symptom')
            """,
            "SELECT lower(title), id FROM patterns WHERE lower(title) IN (SELECT value FROM json_each(?))",
        ] {
            for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [phrases]) {
                holders[row[0], default: []].insert(row[1])
            }
        }
        var longest: [Int64: Int] = [:]
        // SQLite's length(): code points.
        for (name, ids) in holders where ids.count <= 3 {
            for id in ids { longest[id] = max(longest[id] ?? 0, name.unicodeScalars.count) }
        }
        let (filterSQL, filterArguments) = filterClause(query)
        guard !filterSQL.isEmpty, !longest.isEmpty else { return longest }
        let passing = Set(
            try Int64.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT p.id FROM patterns p INDEXED BY patterns_ranked
                        WHERE p.id IN (SELECT value FROM json_each(?)) \(filterSQL)
                        """), arguments: [jsonList(Array(longest.keys))] + filterArguments))
        return longest.filter { passing.contains($0.key) }
    }

    /// The first `count` candidates in ranking order, as hits (no snippet
    /// yet). The short fields bound what each could score; candidates are
    /// scored fully, body words included, best bound first, until no bound
    /// left can beat the `count`th score: the body is read only for the
    /// few that could rank there.
    private static func best(
        _ count: Int, of ids: [Int64], _ ranking: SearchRanking, named: [Int64: Int], _ order: CandidateOrder,
        in db: Database
    ) throws -> [(id: Int64, hit: SearchHit)] {
        let words = try db.cachedStatement(sql: "SELECT words FROM body_words WHERE pattern_id = ?")
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, slug, title, language, kind, tags, summary, aliases, symptoms
                    FROM patterns INDEXED BY patterns_ranked WHERE id IN (SELECT value FROM json_each(?))
                    """), arguments: [jsonList(ids)])
        let pending = rows.map { row in
            let id: Int64 = row[0]
            let fields = SearchRanking.Fields(
                title: row[2], aliases: row[7], symptoms: row[8], tags: row[5], summary: row[6], kind: row[4])
            return (id: id, row: row, partial: ranking.partial(slug: row[1], fields, named: named[id] ?? 0))
        }.sorted { order.ranks(($0.id, $0.partial.bound), before: ($1.id, $1.partial.bound)) }
        var scored: [(id: Int64, row: Row, score: SearchRanking.Score)] = []
        for candidate in pending {
            if scored.count >= count,
                order.ranks(
                    (scored[count - 1].id, scored[count - 1].score), before: (candidate.id, candidate.partial.bound))
            {
                break
            }
            let score = try ranking.score(candidate.partial) {
                try String.fetchOne(words, arguments: [candidate.id]) ?? ""
            }
            let place =
                scored.firstIndex { !order.ranks(($0.id, $0.score), before: (candidate.id, score)) } ?? scored.count
            scored.insert((candidate.id, candidate.row, score), at: place)
        }
        return try scored.prefix(count).map { ($0.id, try hit($0.row, snippet: $0.row[6])) }
    }

    /// The page of results with snippets made from their bodies, or, where
    /// a body holds no term, the summary with the terms marked.
    private static func withSnippets(
        _ hits: [SearchHit], ids: [String: Int64], bm25: [Int64: Double], _ ranking: SearchRanking,
        in db: Database
    ) throws -> [SearchHit] {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, body FROM patterns WHERE id IN (SELECT value FROM json_each(?))"),
            arguments: [jsonList(hits.compactMap { ids[$0.slug] })])
        let bodies = Dictionary(rows.map { ($0[0] as Int64, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
        let words = ranking.terms.terms.flatMap { $0 }
        return hits.map { hit in
            let id = ids[hit.slug]
            let snippet = id.flatMap { bodies[$0] }.flatMap(ranking.snippet(in:)) ?? highlight(words, in: hit.summary)
            return hit.with(score: id.flatMap { bm25[$0] } ?? 0, snippet: snippet)
        }
    }

    /// A myth among the first `mythWindow` results moves just below the last
    /// of the patterns it names as related that rank among them too, unless
    /// the query names it or myths at all: it never leads what it corrects,
    /// and the window is fixed so that no page size changes the order.
    private static func mythsLast(
        _ hits: [SearchHit], unless named: Set<String>, _ namesMyths: Bool, in db: Database
    ) throws -> [SearchHit] {
        let myths = hits.prefix(mythWindow).filter { $0.kind == .myth && !named.contains($0.slug) }
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
                let last = ordered.prefix(Self.mythWindow).lastIndex(where: {
                    patterns.contains($0.slug) && $0.kind != .myth
                }), last > from
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

extension Index {
    /// What the static site's search needs beyond each article's listing to
    /// rank as `search` does: the equivalence groups, and each myth's related
    /// patterns (the ones it moves below).
    package func rankingData() throws -> (equivalences: [[String]], mythRelated: [String: [String]]) {
        try read { db in
            let related = Dictionary(
                grouping: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.slug AS myth, r.slug AS pattern FROM related r JOIN patterns p ON p.id = r.pattern_id
                        WHERE p.kind = 'myth' ORDER BY r.rowid
                        """), by: { $0["myth"] as String }
            ).mapValues { $0.map { $0["pattern"] as String } }
            return (try Self.equivalences(in: db).groups, related)
        }
    }
}
