import Foundation
import GRDB
import LeakKBCatalog
import LeakKBModel

/// One recorded run of one variant, as stored in `demo_runs`.
package struct RecordedRun: Sendable, Codable {
    package let runID: String
    package let slug: String
    package let variant: Variant
    package let toolchain: String
    package let startedAt: String
    package let durationMs: Int
    package let exitStatus: String
    package let figures: VariantRun
    package let claims: [ClaimResult]
    package let passed: Bool

    package enum CodingKeys: String, CodingKey {
        case runID = "run_id", slug, variant, toolchain, startedAt = "started_at", durationMs = "duration_ms"
        case exitStatus = "exit_status", figures, claims, passed
    }
}

extension Index {
    /// Stores a run, one row per variant, sharing a run id. Runs are the one
    /// thing leakkb cannot rebuild, so a busy file is waited for longer
    /// than any query would wait, and a failure says where and why.
    package func record(_ report: DemoReport) throws {
        guard !isReadOnly else {
            throw IndexError.cannotRecord(path: runsPath, reason: "the index was opened read-only")
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                return try insert(report)
            } catch  where IndexFault(error) == .busy && ContinuousClock.now < deadline {
                continue  // each attempt already waited out the busy timeout
            } catch  where IndexFault(error) != nil {
                throw IndexError.cannotRecord(path: runsPath, reason: IndexFault.reason(error))
            }
        }
    }

    private func insert(_ report: DemoReport) throws {
        let runID = UUID().uuidString
        let started = ISO8601DateFormatter().string(from: report.startedAt)
        try database.write { db in
            for run in [report.figures.leaky, report.figures.fixed].compactMap({ $0 }) {
                try db.execute(
                    sql: """
                        INSERT INTO runs.demo_runs(run_id, slug, variant, toolchain, started_at, duration_ms, exit_status,
                                                   figures, claims, passed, panic, seconds, stderr_tail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?)
                        """,
                    arguments: [
                        runID, report.slug, run.variant.rawValue, report.toolchain.description, started,
                        Int(run.seconds * 1000), run.exitStatus, report.passed, run.panic, run.seconds, run.stderrTail,
                    ])
                try RunsFile.insertFigures(of: run, row: db.lastInsertedRowID, in: db)
            }
            try RunsFile.insertClaims(report.claims, run: runID, in: db)
        }
    }

    /// Recorded runs of a pattern, newest first.
    package func runs(of slug: String, limit: Int = 50) throws -> [RecordedRun] {
        try read { db in
            // A runs file this process may not write keeps the columns it was made with.
            let columns = Set(
                try Row.fetchAll(db.cachedStatement(sql: "PRAGMA runs.table_info(demo_runs)")).map {
                    $0["name"] as String
                })
            let converted =
                columns.contains("panic")
                ? "panic, seconds, stderr_tail" : "NULL AS panic, 0 AS seconds, '' AS stderr_tail"
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, run_id, slug, variant, toolchain, started_at, duration_ms, exit_status, figures, claims,
                               passed, \(converted)
                        FROM runs.demo_runs WHERE slug = ? ORDER BY id DESC LIMIT ?
                        """), arguments: [slug, limit])
            guard !rows.isEmpty else { return [] }
            let runs: [RecordedRun]
            do {
                runs = try RecordedRunReader(rows: rows, in: db).runs
            } catch {
                // Not damage to rebuild from Content/: runs are the one thing leakkb cannot rebuild.
                throw IndexError.unreadableRun(path: runsPath, reason: "\(error)")
            }
            // Runs recorded before paths were made relative, or under another root, still name it.
            return runs.map { run in
                RecordedRun(
                    runID: run.runID, slug: run.slug, variant: run.variant, toolchain: run.toolchain,
                    startedAt: run.startedAt, durationMs: run.durationMs,
                    exitStatus: run.exitStatus.relativizingPaths(under: root),
                    figures: run.figures.relativizingPaths(under: root),
                    claims: run.claims.map { $0.relativizingPaths(under: root) }, passed: run.passed)
            }
        }
    }

    /// Every pattern that names a demo, with its claims, for `check --demos`.
    package func patternsWithDemos() throws -> [PatternMetadata] {
        try patterns().filter { $0.demo != nil }
    }
}

/// The newest recorded run of a pattern on one toolchain, both variants together.
package struct LatestRun: Sendable, Codable {
    package let toolchain: String
    package let startedAt: String
    package let leaky: VariantRun?
    package let fixed: VariantRun?
    package let claims: [ClaimResult]
    package let passed: Bool
}

extension Index {
    /// The newest run per toolchain, newest toolchain first.
    package func latestRuns(of slug: String) throws -> [LatestRun] {
        var seen: Set<String> = []
        var result: [LatestRun] = []
        let runs = try runs(of: slug, limit: 200)
        for run in runs where !seen.contains(run.toolchain) {
            seen.insert(run.toolchain)
            let variants = runs.filter { $0.runID == run.runID }
            result.append(
                LatestRun(
                    toolchain: run.toolchain, startedAt: run.startedAt,
                    leaky: variants.first { $0.variant == .leaky }?.figures,
                    fixed: variants.first { $0.variant == .fixed }?.figures,
                    claims: run.claims, passed: run.passed))
        }
        return result.sorted {
            (GoVersion($0.toolchain) ?? .init(major: 0, minor: 0))
                > (GoVersion($1.toolchain) ?? .init(major: 0, minor: 0))
        }
    }
}
