import Foundation
import GRDB
import LeakKBModel

/// Reads recorded runs back from `demo_runs` and their figures and verdicts
/// from `run_figures` and `run_claims`, one query each for all the rows. A
/// row still holding JSON (a runs file read without being written, so never
/// converted) is read from its JSON, so no run goes missing.
struct RecordedRunReader {
    let runs: [RecordedRun]

    init(rows: [Row], in db: Database) throws {
        let rowIDs = "[" + rows.map { String($0["id"] as Int64) }.joined(separator: ",") + "]"
        let runIDs = String(decoding: try JSONEncoder().encode(Set(rows.map { $0["run_id"] as String })), as: UTF8.self)
        var figures: [Int64: [String: [String: Double]]] = [:]
        var claims: [String: [ClaimResult]] = [:]
        let hasTables =
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM runs.sqlite_master WHERE name = 'run_figures')") ?? false
        if hasTables {
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT run_row, phase, name, value FROM runs.run_figures WHERE run_row IN (SELECT value FROM json_each(?))",
                arguments: [rowIDs])
            {
                figures[row["run_row"], default: [:]][row["phase"], default: [:]][row["name"]] = row["value"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, claim, role, status, detail, swap_problem FROM runs.run_claims
                    WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, position
                    """, arguments: [runIDs])
            {
                claims[row["run_id"], default: []].append(
                    ClaimResult(
                        claim: row["claim"],
                        role: try row.decodeRaw(ClaimResult.Role.self, column: "role", what: "role"),
                        status: try row.decodeRaw(ClaimResult.Status.self, column: "status", what: "claim status"),
                        detail: row["detail"], swapProblem: row["swap_problem"]))
            }
        }
        let decoder = JSONDecoder()
        runs = try rows.map { row in
            let variant = try row.decodeRaw(Variant.self, column: "variant", what: "variant")
            let legacyFigures: String = row["figures"], legacyClaims: String = row["claims"]
            let run: VariantRun
            if legacyFigures.isEmpty {
                let phases = figures[row["id"]] ?? [:]
                run = VariantRun(
                    variant: variant, before: phases["before"], after: phases["after"], panic: row["panic"],
                    exitStatus: row["exit_status"], seconds: row["seconds"] ?? 0, stderrTail: row["stderr_tail"] ?? "")
            } else {
                run = try decoder.decode(VariantRun.self, from: Data(legacyFigures.utf8))
            }
            let runID: String = row["run_id"]
            return RecordedRun(
                runID: runID, slug: row["slug"], variant: variant, toolchain: row["toolchain"],
                startedAt: row["started_at"], durationMs: row["duration_ms"], exitStatus: row["exit_status"],
                figures: run,
                claims: legacyClaims.isEmpty
                    ? claims[runID] ?? [] : try decoder.decode([ClaimResult].self, from: Data(legacyClaims.utf8)),
                passed: row["passed"])
        }
    }
}
