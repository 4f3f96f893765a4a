import Foundation
import GRDB

extension Index {
    /// Brings the index in line with `Content/`: articles whose size or
    /// modification time changed are re-read, and only those whose bytes
    /// changed are re-parsed and re-written, all in one transaction. Any
    /// validation problem rolls the transaction back, so a bad edit never
    /// replaces a good index.
    @discardableResult
    public func refresh(force: Bool = false) throws -> IndexChanges {
        let tree = ContentTree(root: root)
        guard tree.hasContentDirectory else {
            throw ValidationFailure([Diagnostic(file: "Content", line: 1, message: "no Content/ directory under \(root)")])
        }
        let fingerprint = tree.fingerprint
        let stored = try read { db in try StoredState(db) }
        if !force && stored.fingerprint == fingerprint {
            return IndexChanges(unchanged: stored.patterns.count, skipped: true)
        }

        let tags = try Catalog.loadTags(root: root)
        let tagsDigest = Self.digest(of: tags)
        // New or different tags can make any article (in)valid: look at all.
        let full = force || stored.tagsDigest != tagsDigest
        let slugs = Set(tree.files.map(\.slug))
        let parser = ArticleParser(root: root, tags: Set(tags.map(\.name)), slugs: slugs)

        let removed = stored.patterns.keys.filter { !slugs.contains($0) }.sorted()
        // Articles are parsed and written one at a time inside the
        // transaction, so memory stays flat however large the catalogue;
        // any problem throws at the end and rolls everything back.
        return try database.write { db in
            var problems = Catalog.duplicateSlugs(in: tree.files)
            var changes = IndexChanges(removed: removed)
            for file in tree.files {
                let old = stored.patterns[file.slug]
                if !full, let old, old.path == file.path, old.size == file.size, old.modified == file.modified {
                    changes.unchanged += 1
                    continue
                }
                let bytes: [UInt8]
                do {
                    bytes = try FileSystem.read(root + "/" + file.path)
                } catch {
                    problems.append(Diagnostic(file: file.path, line: 1, message: "cannot read: \(error)"))
                    continue
                }
                if !full, let old, old.path == file.path, old.sourceHash == ContentHash.of(bytes) {
                    try db.execute(sql: "UPDATE patterns SET size = ?, modified = ? WHERE slug = ?",
                                   arguments: [file.size, file.modified, file.slug])
                    changes.unchanged += 1
                    continue
                }
                do {
                    try Self.write(try parser.parse(bytes, file: file), file: file, in: db)
                    if old == nil { changes.added.append(file.slug) } else { changes.changed.append(file.slug) }
                } catch let failure as ValidationFailure {
                    problems += failure.diagnostics
                }
            }
            for slug in removed {
                try db.execute(sql: "DELETE FROM patterns WHERE slug = ?", arguments: [slug])
            }
            if !removed.isEmpty { problems += try Self.danglingReferences(to: removed, in: db) }
            guard problems.isEmpty else { throw ValidationFailure(problems) }
            try db.execute(sql: "DELETE FROM tags")
            for tag in tags {
                try db.execute(sql: "INSERT INTO tags(name, description) VALUES (?, ?)", arguments: [tag.name, tag.description])
            }
            try Self.setMeta("fingerprint", fingerprint, in: db)
            try Self.setMeta("tags_digest", tagsDigest, in: db)
            return changes
        }
    }

    /// Lines that still point at removed articles once everything else is
    /// written (articles re-parsed in this refresh were already checked).
    private static func danglingReferences(to removed: [String], in db: Database) throws -> [Diagnostic] {
        let list = String(decoding: try JSONEncoder().encode(removed), as: UTF8.self)
        return try Row.fetchAll(db, sql: """
            SELECT p.path, r.slug AS target, r.line, r.is_link
            FROM related r JOIN patterns p ON p.id = r.pattern_id
            WHERE r.slug IN (SELECT value FROM json_each(?))
            """, arguments: [list]).map { row in
            let what = (row["is_link"] as Int) == 1 ? "broken link to" : "related pattern"
            let target: String = row["target"]
            return Diagnostic(file: row["path"], line: row["line"], message: "\(what) '\(target)' does not exist (it was removed)")
        }
    }

    private static func write(_ pattern: Pattern, file: ContentTree.File, in db: Database) throws {
        try db.execute(sql: "DELETE FROM patterns WHERE slug = ?", arguments: [pattern.slug])
        let frontMatter = try String(decoding: JSONEncoder().encode(PatternMetadata(pattern)), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO patterns(slug, language, kind, title, summary, aliases, tags, body, demo, affects, fixed_in,
                                 path, size, modified, source_hash, markdown, html, front_matter)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                pattern.slug, pattern.language, pattern.kind.rawValue, pattern.title, pattern.summary,
                pattern.aliases.joined(separator: "\n"), pattern.tags.joined(separator: " "),
                pattern.document.plainText, pattern.demo, pattern.affects, pattern.fixedIn,
                pattern.path, file.size, file.modified, pattern.sourceHash, pattern.markdown,
                pattern.document.html, frontMatter,
            ])
        let id = db.lastInsertedRowID
        for tag in Set(pattern.tags) {
            try db.execute(sql: "INSERT INTO pattern_tags(pattern_id, tag) VALUES (?, ?)", arguments: [id, tag])
        }
        for alias in pattern.aliases {
            try db.execute(sql: "INSERT INTO aliases(pattern_id, alias) VALUES (?, ?)", arguments: [id, alias])
        }
        for (position, claim) in pattern.claims.enumerated() {
            try db.execute(sql: "INSERT INTO claims(pattern_id, position, text, line) VALUES (?, ?, ?, ?)",
                           arguments: [id, position, claim.value, claim.line])
        }
        for related in pattern.references {
            try db.execute(sql: "INSERT INTO related(pattern_id, slug, line, is_link) VALUES (?, ?, ?, ?)",
                           arguments: [id, related.slug, related.line, related.isLink ? 1 : 0])
        }
    }

    private static func setMeta(_ key: String, _ value: String, in db: Database) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    private static func digest(of tags: [Tag]) -> String {
        var hash = ContentHash()
        for tag in tags { hash.add(tag.name); hash.add(tag.description) }
        return hash.hex
    }
}

/// What the index holds about each article, to decide what changed.
private struct StoredState {
    struct Entry {
        let path: String
        let size: Int64
        let modified: Int64
        let sourceHash: String
    }

    let fingerprint: String?
    let tagsDigest: String?
    let patterns: [String: Entry]

    init(_ db: Database) throws {
        fingerprint = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
        tagsDigest = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tags_digest'")
        var patterns: [String: Entry] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT slug, path, size, modified, source_hash FROM patterns")
        while let row = try rows.next() {
            patterns[row["slug"]] = Entry(path: row["path"], size: row["size"], modified: row["modified"], sourceHash: row["source_hash"])
        }
        self.patterns = patterns
    }
}

