import GRDB

/// The index's tables, as named migrations so an old index file is upgraded
/// in place rather than rebuilt by hand.
package enum Schema {
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE tags (name TEXT PRIMARY KEY, description TEXT NOT NULL);
                    CREATE TABLE patterns (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL UNIQUE,
                        language TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        title TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        -- aliases, tags and body are the searchable texts; the
                        -- FTS tables read them from here (external content).
                        aliases TEXT NOT NULL,
                        tags TEXT NOT NULL,
                        body TEXT NOT NULL,
                        demo TEXT,
                        affects TEXT,
                        fixed_in TEXT,
                        path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        modified INTEGER NOT NULL,
                        source_hash TEXT NOT NULL,
                        html TEXT NOT NULL,
                        front_matter TEXT NOT NULL
                    );
                    CREATE TABLE pattern_tags (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        tag TEXT NOT NULL,
                        PRIMARY KEY (pattern_id, tag)
                    );
                    CREATE INDEX pattern_tags_by_tag ON pattern_tags(tag);
                    CREATE TABLE aliases (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        alias TEXT NOT NULL
                    );
                    CREATE INDEX aliases_by_pattern ON aliases(pattern_id);
                    -- related and links keep the line they stand on, so deleting
                    -- an article can name every line that now points nowhere.
                    CREATE TABLE related (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        slug TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        is_link INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX related_by_slug ON related(slug);
                    CREATE INDEX related_by_pattern ON related(pattern_id);
                    CREATE TABLE claims (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        text TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        PRIMARY KEY (pattern_id, position)
                    );
                    CREATE TABLE demo_runs (
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
                    CREATE INDEX demo_runs_by_slug ON demo_runs(slug, toolchain, id);

                    CREATE VIRTUAL TABLE patterns_fts USING fts5(
                        title, aliases, tags, summary, body,
                        content='patterns', content_rowid='id',
                        tokenize='porter unicode61 remove_diacritics 2');
                    -- Substrings and CJK over the short fields only, so it stays small.
                    CREATE VIRTUAL TABLE patterns_trigram USING fts5(
                        title, aliases, tags, summary,
                        content='patterns', content_rowid='id', tokenize='trigram');

                    CREATE TRIGGER patterns_ai AFTER INSERT ON patterns BEGIN
                        INSERT INTO patterns_fts(rowid, title, aliases, tags, summary, body)
                            VALUES (new.id, new.title, new.aliases, new.tags, new.summary, new.body);
                        INSERT INTO patterns_trigram(rowid, title, aliases, tags, summary)
                            VALUES (new.id, new.title, new.aliases, new.tags, new.summary);
                    END;
                    CREATE TRIGGER patterns_ad AFTER DELETE ON patterns BEGIN
                        INSERT INTO patterns_fts(patterns_fts, rowid, title, aliases, tags, summary, body)
                            VALUES ('delete', old.id, old.title, old.aliases, old.tags, old.summary, old.body);
                        INSERT INTO patterns_trigram(patterns_trigram, rowid, title, aliases, tags, summary)
                            VALUES ('delete', old.id, old.title, old.aliases, old.tags, old.summary);
                    END;
                    """)
        }
        migrator.registerMigration("v2") { db in
            // A random number per refresh, given to every row it writes and
            // kept in meta when anything changed: the export compares these
            // to tell which pages need rendering again. Random, not a counter,
            // so a rebuilt index never repeats the numbers of an older one.
            try db.execute(
                sql: """
                    ALTER TABLE patterns ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                    UPDATE patterns SET revision = random();
                    -- Covers what the indexer compares and the export keys pages by:
                    -- in the table these columns come after each article's text,
                    -- so reading them there walks all of its overflow pages.
                    CREATE INDEX patterns_state ON patterns(slug, path, size, modified, source_hash, language, demo, revision);
                    INSERT INTO meta(key, value) VALUES ('revision', random())
                        ON CONFLICT(key) DO UPDATE SET value = excluded.value;
                    """)
        }
        migrator.registerMigration("v3") { db in
            // Recorded runs move to their own file (attached as `runs`), where
            // no rebuild or loss of this cache can reach them.
            try db.execute(
                sql: """
                    INSERT INTO runs.demo_runs(run_id, slug, variant, toolchain, started_at, duration_ms, exit_status,
                                               figures, claims, passed)
                        SELECT run_id, slug, variant, toolchain, started_at, duration_ms, exit_status, figures, claims, passed
                        FROM main.demo_runs ORDER BY id;
                    DROP TABLE main.demo_runs;
                    """)
        }
        migrator.registerMigration("v4") { db in
            // Front matter moves out of its JSON column into columns and
            // ordered lists, symptoms become searchable, and the short fields
            // a search reads come before the long ones (so reading them walks
            // no overflow pages). The articles are the source of truth: the
            // pattern tables are made anew and filled by the next refresh.
            try db.execute(
                sql: """
                    DROP TRIGGER patterns_ai;
                    DROP TRIGGER patterns_ad;
                    DROP TABLE patterns_fts;
                    DROP TABLE patterns_trigram;
                    DROP TABLE pattern_tags;
                    DROP TABLE aliases;
                    DROP TABLE related;
                    DROP TABLE claims;
                    DROP TABLE patterns;
                    DELETE FROM meta WHERE key = 'fingerprint';
                    CREATE TABLE patterns (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL UNIQUE,
                        language TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        title TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        -- aliases, symptoms, tags and body are the searchable texts;
                        -- the FTS tables read them from here (external content).
                        aliases TEXT NOT NULL,
                        symptoms TEXT NOT NULL,
                        tags TEXT NOT NULL,
                        demo TEXT,
                        affects TEXT,
                        fixed_in TEXT,
                        path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        modified INTEGER NOT NULL,
                        source_hash TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        body TEXT NOT NULL,
                        html TEXT NOT NULL
                    );
                    CREATE INDEX patterns_state ON patterns(slug, path, size, modified, source_hash, language, demo, revision);
                    CREATE INDEX patterns_by_title ON patterns(lower(title));
                    CREATE TABLE pattern_tags (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        tag TEXT NOT NULL,
                        PRIMARY KEY (pattern_id, tag)
                    );
                    CREATE INDEX pattern_tags_by_tag ON pattern_tags(tag);
                    -- The front matter's lists of texts, each in its written order.
                    CREATE TABLE pattern_lists (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        list TEXT NOT NULL CHECK (list IN ('tag', 'alias', 'related', 'source', 'symptom')),
                        position INTEGER NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (pattern_id, list, position)
                    );
                    -- What a search looks up when the query names an alias or symptom.
                    CREATE INDEX pattern_lists_by_name ON pattern_lists(lower(value), list);
                    -- related and links keep the line they stand on, so deleting
                    -- an article can name every line that now points nowhere.
                    CREATE TABLE related (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        slug TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        is_link INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX related_by_slug ON related(slug);
                    CREATE INDEX related_by_pattern ON related(pattern_id);
                    CREATE TABLE claims (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('claim', 'observation')),
                        text TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        PRIMARY KEY (pattern_id, position)
                    );
                    -- Content/equivalences.yml: terms a query may use for one another.
                    CREATE TABLE equivalences (
                        grp INTEGER NOT NULL,
                        position INTEGER NOT NULL,
                        term TEXT NOT NULL,
                        PRIMARY KEY (grp, position)
                    );

                    CREATE VIRTUAL TABLE patterns_fts USING fts5(
                        title, aliases, symptoms, tags, summary, body,
                        content='patterns', content_rowid='id',
                        tokenize='porter unicode61 remove_diacritics 2');
                    -- Substrings and CJK over the short fields only, so it stays small.
                    CREATE VIRTUAL TABLE patterns_trigram USING fts5(
                        title, aliases, symptoms, tags, summary,
                        content='patterns', content_rowid='id', tokenize='trigram');
                    CREATE TRIGGER patterns_ai AFTER INSERT ON patterns BEGIN
                        INSERT INTO patterns_fts(rowid, title, aliases, symptoms, tags, summary, body)
                            VALUES (new.id, new.title, new.aliases, new.symptoms, new.tags, new.summary, new.body);
                        INSERT INTO patterns_trigram(rowid, title, aliases, symptoms, tags, summary)
                            VALUES (new.id, new.title, new.aliases, new.symptoms, new.tags, new.summary);
                    END;
                    CREATE TRIGGER patterns_ad AFTER DELETE ON patterns BEGIN
                        INSERT INTO patterns_fts(patterns_fts, rowid, title, aliases, symptoms, tags, summary, body)
                            VALUES ('delete', old.id, old.title, old.aliases, old.symptoms, old.tags, old.summary, old.body);
                        INSERT INTO patterns_trigram(patterns_trigram, rowid, title, aliases, symptoms, tags, summary)
                            VALUES ('delete', old.id, old.title, old.aliases, old.symptoms, old.tags, old.summary);
                    END;
                    """)
        }
        migrator.registerMigration("v5") { db in
            // Signatures for `leakkb diagnose`: one row per signature (its
            // toolchain range), one per state or regex in written order.
            // Filled by the next refresh, which re-reads every article: the
            // cleared fingerprint and tags digest force it.
            try db.execute(
                sql: """
                    CREATE TABLE signatures (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        line INTEGER NOT NULL,
                        toolchains TEXT,
                        PRIMARY KEY (pattern_id, position)
                    );
                    CREATE TABLE signature_parts (
                        pattern_id INTEGER NOT NULL,
                        signature INTEGER NOT NULL,
                        part TEXT NOT NULL CHECK (part IN ('state', 'frame', 'heap')),
                        position INTEGER NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (pattern_id, signature, part, position),
                        FOREIGN KEY (pattern_id, signature) REFERENCES signatures(pattern_id, position) ON DELETE CASCADE
                    );
                    DELETE FROM meta WHERE key IN ('fingerprint', 'tags_digest');
                    """)
        }
        migrator.registerMigration("v6") { db in
            // Each body's search words (`BodyWords`), made once when the
            // article is written: search scores its candidates by them and
            // the site's search data carries them, and scanning bodies for
            // them on every query cost more than the rest of the search.
            // Filled by the next refresh, as v5's tables are.
            try db.execute(
                sql: """
                    CREATE TABLE body_words (
                        pattern_id INTEGER PRIMARY KEY REFERENCES patterns(id) ON DELETE CASCADE,
                        words TEXT NOT NULL
                    );
                    DELETE FROM meta WHERE key IN ('fingerprint', 'tags_digest');
                    """)
        }
        migrator.registerMigration("v7") { db in
            // A signature may say how many of a group's goroutines each
            // creating goroutine started (`per-creator`). Filled by the next
            // refresh, as v5's tables are.
            try db.execute(
                sql: """
                    ALTER TABLE signatures ADD COLUMN per_creator TEXT CHECK (per_creator IN ('one', 'many'));
                    DELETE FROM meta WHERE key IN ('fingerprint', 'tags_digest');
                    """)
        }
        migrator.registerMigration("v8") { db in
            // ... and that its first frame is the top one (`at-top`).
            try db.execute(
                sql: """
                    ALTER TABLE signatures ADD COLUMN at_top INTEGER NOT NULL DEFAULT 0 CHECK (at_top IN (0, 1));
                    DELETE FROM meta WHERE key IN ('fingerprint', 'tags_digest');
                    """)
        }
        migrator.registerMigration("v9") { db in
            // What search ranks its candidates by, beside each id: read from
            // this index, a hundred candidates' short fields are a few pages
            // instead of one page of article text each.
            try db.execute(
                sql: """
                    CREATE INDEX patterns_ranked
                        ON patterns(id, slug, title, language, kind, tags, summary, aliases, symptoms);
                    """)
        }
        migrator.registerMigration("v10") { db in
            // ... and what the export checks of every article to find the
            // pages to make again: read from the table, each of 10,000
            // articles' rows is a page or more of text and HTML.
            try db.execute(
                sql: """
                    DROP INDEX patterns_ranked;
                    CREATE INDEX patterns_ranked
                        ON patterns(id, slug, title, language, kind, tags, summary, aliases, symptoms,
                                    affects, fixed_in, demo, revision);
                    """)
        }
        migrator.registerMigration("v11") { db in
            // The front matter's lists were most of what an index writes beyond
            // the articles: one b-tree for the rows and one for their key, and
            // every value in the name index though only aliases and symptoms
            // are looked up by name. Now the key is the table, for the lists
            // and the tags, and the name index holds names only.
            try db.execute(
                sql: """
                    CREATE TABLE pattern_lists_keyed (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        list TEXT NOT NULL CHECK (list IN ('tag', 'alias', 'related', 'source', 'symptom')),
                        position INTEGER NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (pattern_id, list, position)
                    ) WITHOUT ROWID;
                    INSERT INTO pattern_lists_keyed SELECT pattern_id, list, position, value FROM pattern_lists;
                    DROP TABLE pattern_lists;
                    ALTER TABLE pattern_lists_keyed RENAME TO pattern_lists;
                    CREATE INDEX pattern_lists_by_name ON pattern_lists(lower(value), list)
                        WHERE list IN ('alias', 'symptom');
                    CREATE TABLE pattern_tags_keyed (
                        pattern_id INTEGER NOT NULL REFERENCES patterns(id) ON DELETE CASCADE,
                        tag TEXT NOT NULL,
                        PRIMARY KEY (pattern_id, tag)
                    ) WITHOUT ROWID;
                    INSERT INTO pattern_tags_keyed SELECT pattern_id, tag FROM pattern_tags;
                    DROP TABLE pattern_tags;
                    ALTER TABLE pattern_tags_keyed RENAME TO pattern_tags;
                    CREATE INDEX pattern_tags_by_tag ON pattern_tags(tag);
                    """)
        }
        return migrator
    }
}
