import GRDB

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
                    figures TEXT NOT NULL,
                    claims TEXT NOT NULL,
                    passed INTEGER NOT NULL
                );
                CREATE INDEX IF NOT EXISTS runs.demo_runs_by_slug ON demo_runs(slug, toolchain, id);
                -- A random number given to each new runs file, so that a deleted and
                -- recreated one never repeats the run ids an export keyed pages by.
                CREATE TABLE IF NOT EXISTS runs.runs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT OR IGNORE INTO runs.runs_meta(key, value) VALUES ('epoch', random());
                """)
    }
}
