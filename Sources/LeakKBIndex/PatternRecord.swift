import GRDB
import LeakKBCatalog

/// One pattern as data: its front matter (claims and observations
/// included), the latest recorded run per toolchain with every figure and
/// verdict, and the status of its claims. The API answers
/// `/api/patterns/{slug}` with it (and the article's HTML), and the static
/// site's `patterns.json` lists one per pattern: one schema for both.
package struct PatternRecord: Sendable, Encodable {
    package let pattern: PatternMetadata
    package let latestRuns: [LatestRun]
    package let status: ClaimStatus

    package enum CodingKeys: String, CodingKey {
        case pattern
        case latestRuns = "latest_runs"
        case status
    }

    package init(pattern: PatternMetadata, latestRuns: [LatestRun]) {
        self.pattern = pattern
        self.latestRuns = latestRuns
        status = ClaimStatus(claims: pattern.claims, runs: latestRuns)
    }
}

extension Index {
    /// The record of one pattern, nil when the index has no such slug.
    package func record(_ slug: String) throws -> PatternRecord? {
        guard let detail = try pattern(slug) else { return nil }
        return PatternRecord(pattern: detail.metadata, latestRuns: try latestRuns(of: slug))
    }

    /// Every pattern's record, in the order of `patterns()`.
    package func records() throws -> [PatternRecord] {
        try patterns().map { PatternRecord(pattern: $0, latestRuns: try latestRuns(of: $0.slug)) }
    }
}

extension Index {
    /// Every pattern's claims (`expect:` lines, in order) and status, read in
    /// two queries however many patterns there are: what the lists show.
    package func tallies() throws -> [String: (claims: [String], status: ClaimStatus)] {
        let claims = try read { db in
            Dictionary(
                grouping: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.slug, c.text FROM claims c JOIN patterns p ON p.id = c.pattern_id
                        WHERE c.role = 'claim' ORDER BY p.slug, c.position
                        """), by: { $0["slug"] as String }
            ).mapValues { $0.map { $0["text"] as String } }
        }
        let runs = try latestRunsOfEveryPattern()
        var result: [String: (claims: [String], status: ClaimStatus)] = [:]
        for slug in Set(claims.keys).union(runs.keys) {
            let texts = claims[slug] ?? []
            result[slug] = (texts, ClaimStatus(claims: texts, runs: runs[slug] ?? []))
        }
        return result
    }
}

extension Index {
    /// `latestRuns(of:)` of every pattern that has a recorded run (a site
    /// export reads them once instead of once per page).
    package func latestRunsOfEveryPattern() throws -> [String: [LatestRun]] {
        let slugs = try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT slug FROM runs.demo_runs") }
        var result: [String: [LatestRun]] = [:]
        for slug in slugs { result[slug] = try latestRuns(of: slug) }
        return result
    }
}
