import Foundation
import GRDB
import LeakKBModel

/// The file that keeps recorded demo runs, attached to every index
/// connection as `runs`. Its schema is created in place rather than by the
/// index's migrations, because it outlives any one index file.
package enum RunsFile {
    package static func attach(_ path: String, to db: Database, immutable: Bool) throws {
        if immutable {
            guard FileIdentity(path) != nil else {
                // No runs recorded yet: an empty table answers the same questions.
                try db.execute(sql: "ATTACH DATABASE ':memory:' AS runs")
                try createTables(in: db)
                return
            }
            try db.execute(sql: "ATTACH DATABASE ? AS runs", arguments: [SQLiteURI.immutable(path)])
            return
        }
        try db.execute(sql: "ATTACH DATABASE ? AS runs", arguments: [path])
        guard !db.configuration.readonly else { return }
        _ = try String.fetchOne(db, sql: "PRAGMA runs.journal_mode = WAL")
        try db.execute(sql: "PRAGMA runs.synchronous = NORMAL")
        try createTables(in: db)
    }

    private static func createTables(in db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS runs.demo_runs (
                    id INTEGER PRIMARY KEY,
                    run_id TEXT NOT NULL,
                    slug TEXT NOT NULL,
                    variant TEXT NOT NULL,
                    toolchain TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    exit_status TEXT NOT NULL,
                    -- JSON, in runs recorded before run_figures and run_claims
                    -- existed, until they are converted; empty since.
                    figures TEXT NOT NULL,
                    claims TEXT NOT NULL,
                    passed INTEGER NOT NULL,
                    panic TEXT,
                    seconds REAL NOT NULL DEFAULT 0,
                    stderr_tail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX IF NOT EXISTS runs.demo_runs_by_slug ON demo_runs(slug, toolchain, id);
                -- A random number given to each new runs file, so that a deleted and
                -- recreated one never repeats the run ids an export keyed pages by.
                CREATE TABLE IF NOT EXISTS runs.runs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT OR IGNORE INTO runs.runs_meta(key, value) VALUES ('epoch', random());
                -- One figure a variant printed, by phase.
                CREATE TABLE IF NOT EXISTS runs.run_figures (
                    run_row INTEGER NOT NULL,
                    phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
                    name TEXT NOT NULL,
                    value REAL NOT NULL,
                    PRIMARY KEY (run_row, phase, name)
                ) WITHOUT ROWID;
                -- Each claim's and observation's verdict in a run (both variants share it).
                CREATE TABLE IF NOT EXISTS runs.run_claims (
                    run_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    claim TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('claim', 'observation')),
                    status TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    swap_problem TEXT,
                    PRIMARY KEY (run_id, position)
                ) WITHOUT ROWID;
                """)
        let columns = Set(try Row.fetchAll(db, sql: "PRAGMA runs.table_info(demo_runs)").map { $0["name"] as String })
        for (column, definition) in [
            ("panic", "TEXT"), ("seconds", "REAL NOT NULL DEFAULT 0"), ("stderr_tail", "TEXT NOT NULL DEFAULT ''"),
        ] where !columns.contains(column) {
            // A file older than these columns; another leakkb opening it at
            // the same moment may have added the column first.
            do {
                try db.execute(sql: "ALTER TABLE runs.demo_runs ADD COLUMN \(column) \(definition)")
            } catch let error as DatabaseError where error.message?.hasPrefix("duplicate column name") == true {}
        }
        try convertLegacyRows(in: db)
    }

    /// Moves runs recorded as JSON (before run_figures and run_claims, or by
    /// an old index's migration into this file) into the tables: figures
    /// and verdicts become rows, and the JSON is emptied. A value that does
    /// not read is an error naming the runs file: runs are never dropped.
    package static func convertLegacyRows(in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM runs.demo_runs WHERE figures <> '')") == true
        else { return }
        // Read again inside the transaction: another leakkb may have converted them since.
        try db.inSavepoint {
            let legacy = try Row.fetchAll(
                db, sql: "SELECT id, run_id, figures, claims FROM runs.demo_runs WHERE figures <> ''")
            try convert(legacy, in: db)
            return .commit
        }
    }

    private static func convert(_ legacy: [Row], in db: Database) throws {
        let decoder = JSONDecoder()
        var convertedRuns: Set<String> = []
        for row in legacy {
            let runID: String = row["run_id"]
            let run = try decoder.decode(VariantRun.self, from: Data((row["figures"] as String).utf8))
            try insertFigures(of: run, row: row["id"], in: db)
            try db.execute(
                sql: "UPDATE runs.demo_runs SET panic = ?, seconds = ?, stderr_tail = ?, figures = '' WHERE id = ?",
                arguments: [run.panic, run.seconds, run.stderrTail, row["id"] as Int64])
            if !convertedRuns.contains(runID) {
                convertedRuns.insert(runID)
                let claims = try decoder.decode([ClaimResult].self, from: Data((row["claims"] as String).utf8))
                try insertClaims(claims, run: runID, in: db)
            }
            try db.execute(sql: "UPDATE runs.demo_runs SET claims = '' WHERE id = ?", arguments: [row["id"] as Int64])
        }
    }

    package static func insertFigures(of run: VariantRun, row: Int64, in db: Database) throws {
        for (phase, figures) in [("before", run.before), ("after", run.after)] {
            for (name, value) in figures ?? [:] {
                try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO runs.run_figures(run_row, phase, name, value) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [row, phase, name, value])
            }
        }
    }

    package static func insertClaims(_ claims: [ClaimResult], run: String, in db: Database) throws {
        for (position, result) in claims.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO runs.run_claims(run_id, position, claim, role, status, detail, swap_problem)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                run, position, result.claim, result.role.rawValue, result.status.rawValue, result.detail,
                result.swapProblem,
            ])
        }
    }
}
