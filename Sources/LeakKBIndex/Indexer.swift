import Dispatch
import Foundation
import GRDB
import LeakKBCatalog
import LeakKBModel

extension Index {
    /// Brings the index in line with `Content/`: articles whose size or
    /// modification time changed are re-read, and only those whose bytes
    /// changed are re-parsed and re-written, all in one transaction. Any
    /// validation problem rolls the transaction back, so a bad edit never
    /// replaces a good index.
    @discardableResult
    package func refresh(force: Bool = false) throws -> IndexChanges {
        let tree = ContentTree(root: root)
        guard tree.hasContentDirectory else {
            throw ValidationFailure([
                Diagnostic(file: "Content", line: 1, message: "no Content/ directory under \(root)")
            ])
        }
        if !force, try storedFingerprint() == tree.fingerprint { return IndexChanges(skipped: true) }
        let lock = try IndexLock(index: path, root: root)
        defer { lock.release() }
        return try refresh(tree, force: force)
    }

    /// The refresh proper, with the index's lock held by the caller.
    @discardableResult
    package func refresh(_ tree: ContentTree, force: Bool) throws -> IndexChanges {
        let fingerprint = tree.fingerprint
        // Another leakkb may have brought it up to date since the first look.
        if !force, try storedFingerprint() == fingerprint { return IndexChanges(skipped: true) }
        let stored = try read { db in try StoredState(db) }

        let tags = try Catalog.loadTags(root: root)
        let equivalences = try Catalog.loadEquivalences(root: root)
        let tagsDigest = Self.digest(of: tags)
        // New or different tags can make any article (in)valid: look at all.
        let full = force || stored.tagsDigest != tagsDigest
        let slugs = Set(tree.files.map(\.slug))
        let parser = ArticleParser(root: root, tags: Set(tags.map(\.name)), slugs: slugs)

        let removed = stored.patterns.keys.filter { !slugs.contains($0) }.sorted()
        // Articles are parsed and written one at a time inside the
        // transaction, so memory stays flat however large the catalogue;
        // any problem throws at the end and rolls everything back.
        let candidates = tree.filesByPath.filter { file in
            guard !full, let old = stored.patterns[file.slug] else { return true }
            return old.path != file.path || old.size != file.size || old.modified != file.modified
        }
        let revision = Int64.random(in: .min ... .max)
        return try database.write { db in
            var problems = Catalog.duplicateSlugs(in: tree.files) + tree.irregularFiles
            var changes = IndexChanges(removed: removed, unchanged: tree.files.count - candidates.count)
            // Articles are read and parsed in batches on other cores while
            // this thread writes the previous batch.
            let batches = stride(from: 0, to: candidates.count, by: 128).map {
                Array(candidates[$0..<min($0 + 128, candidates.count)])
            }
            var pending = batches.first.map {
                ParsedBatch(files: $0, parser: parser, stored: full ? [:] : stored.patterns)
            }
            for number in batches.indices {
                let batch = pending!.wait()
                pending =
                    number + 1 < batches.count
                    ? ParsedBatch(files: batches[number + 1], parser: parser, stored: full ? [:] : stored.patterns)
                    : nil
                for (file, outcome) in zip(batches[number], batch) {
                    switch outcome {
                    case .problems(let diagnostics):
                        problems += diagnostics
                    case .sameBytes:
                        try db.cachedStatement(sql: "UPDATE patterns SET size = ?, modified = ? WHERE slug = ?")
                            .execute(arguments: [file.size, file.modified, file.slug])
                        changes.unchanged += 1
                    case .parsed(let pattern, let bodyWords):
                        try Self.write(pattern, bodyWords: bodyWords, file: file, revision: revision, in: db)
                        if stored.patterns[file.slug] == nil {
                            changes.added.append(file.slug)
                        } else {
                            changes.changed.append(file.slug)
                        }
                    }
                }
            }
            for slug in removed {
                try db.execute(sql: "DELETE FROM patterns WHERE slug = ?", arguments: [slug])
            }
            if !removed.isEmpty { problems += try Self.danglingReferences(to: removed, in: db) }
            guard problems.isEmpty else { throw ValidationFailure(problems) }
            try db.execute(sql: "DELETE FROM tags")
            for tag in tags {
                try db.execute(
                    sql: "INSERT INTO tags(name, description) VALUES (?, ?)", arguments: [tag.name, tag.description])
            }
            try db.execute(sql: "DELETE FROM equivalences")
            for (group, terms) in equivalences.groups.enumerated() {
                for (position, term) in terms.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO equivalences(grp, position, term) VALUES (?, ?, ?)",
                        arguments: [group, position, term])
                }
            }
            try Self.setMeta("fingerprint", fingerprint, in: db)
            try Self.setMeta("tags_digest", tagsDigest, in: db)
            if !changes.isEmpty || stored.tagsDigest != tagsDigest {
                try Self.setMeta("revision", String(revision), in: db)
            }
            return changes
        }
    }

    private func storedFingerprint() throws -> String? {
        try read { db in try Self.meta("fingerprint", in: db) }
    }

    /// Lines that still point at removed articles once everything else is
    /// written (articles re-parsed in this refresh were already checked).
    private static func danglingReferences(to removed: [String], in db: Database) throws -> [Diagnostic] {
        let list = String(decoding: try JSONEncoder().encode(removed), as: UTF8.self)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT p.path, r.slug AS target, r.line, r.is_link
                FROM related r JOIN patterns p ON p.id = r.pattern_id
                WHERE r.slug IN (SELECT value FROM json_each(?))
                """, arguments: [list]
        ).map { row in
            let what = (row["is_link"] as Int) == 1 ? "broken link to" : "related pattern"
            let target: String = row["target"]
            return Diagnostic(
                file: row["path"], line: row["line"], message: "\(what) '\(target)' does not exist (it was removed)")
        }
    }

    // Cached statements: compiling each INSERT anew costs more than running it.
    private static func write(
        _ pattern: Pattern, bodyWords: String, file: ContentTree.File, revision: Int64, in db: Database
    ) throws {
        try db.cachedStatement(sql: "DELETE FROM patterns WHERE slug = ?").execute(arguments: [pattern.slug])
        try db.cachedStatement(
            sql: """
                INSERT INTO patterns(slug, language, kind, title, summary, aliases, symptoms, tags, body, demo, affects,
                                     fixed_in, path, size, modified, source_hash, html, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            pattern.slug, pattern.language, pattern.kind.rawValue, pattern.title, pattern.summary,
            pattern.aliases.joined(separator: "\n"), pattern.symptoms.joined(separator: "\n"),
            pattern.tags.joined(separator: " "), pattern.document.plainText, pattern.demo, pattern.affects,
            pattern.fixedIn, pattern.path, file.size, file.modified, pattern.sourceHash, pattern.document.html,
            revision,
        ])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO body_words(pattern_id, words) VALUES (?, ?)").execute(arguments: [
            id, bodyWords,
        ])
        for tag in Set(pattern.tags) {
            try db.cachedStatement(sql: "INSERT INTO pattern_tags(pattern_id, tag) VALUES (?, ?)").execute(arguments: [
                id, tag,
            ])
        }
        let lists: [(PatternLists.List, [String])] = [
            (.tag, pattern.tags), (.alias, pattern.aliases), (.related, pattern.related),
            (.source, pattern.sources), (.symptom, pattern.symptoms),
        ]
        for (list, values) in lists {
            for (position, value) in values.enumerated() {
                try db.cachedStatement(
                    sql: "INSERT INTO pattern_lists(pattern_id, list, position, value) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [id, list.rawValue, position, value])
            }
        }
        let claims = pattern.claims.map { ($0, "claim") } + pattern.observations.map { ($0, "observation") }
        for (position, (claim, role)) in claims.enumerated() {
            try db.cachedStatement(
                sql: "INSERT INTO claims(pattern_id, position, role, text, line) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [id, position, role, claim.value.text, claim.line])
        }
        for (position, signature) in pattern.signatures.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO signatures(pattern_id, position, line, toolchains, per_creator, at_top)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                id, position, signature.line, signature.value.toolchains?.description,
                signature.value.perCreator?.rawValue, signature.value.atTop,
            ])
            let parts: [(PatternLists.SignaturePart, [String])] = [
                (.state, signature.value.states), (.frame, signature.value.frames), (.heap, signature.value.heap),
            ]
            for (part, values) in parts {
                for (index, value) in values.enumerated() {
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO signature_parts(pattern_id, signature, part, position, value)
                            VALUES (?, ?, ?, ?, ?)
                            """
                    ).execute(arguments: [id, position, part.rawValue, index, value])
                }
            }
        }
        for related in pattern.references {
            try db.cachedStatement(sql: "INSERT INTO related(pattern_id, slug, line, is_link) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, related.slug, related.line, related.isLink ? 1 : 0])
        }
    }

    private static func meta(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    private static func setMeta(_ key: String, _ value: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    private static func digest(of tags: [Tag]) -> String {
        var hash = ContentHash()
        for tag in tags { hash.add(tag.name); hash.add(tag.description) }
        return hash.hex
    }
}

/// One batch of articles being read and parsed in the background.
private final class ParsedBatch: @unchecked Sendable {
    package enum Outcome: Sendable {
        /// With its body's search words, made here on the workers too.
        case parsed(Pattern, bodyWords: String)
        /// Touched but byte-for-byte what the index already holds.
        case sameBytes
        case problems([Diagnostic])
    }

    // Written by the workers, each at its own index, before `done` signals.
    private var outcomes: [Outcome]
    private let done = DispatchSemaphore(value: 0)

    package init(files: [ContentTree.File], parser: ArticleParser, stored: [String: StoredState.Entry]) {
        outcomes = Array(repeating: .sameBytes, count: files.count)
        DispatchQueue.global().async { [self] in
            outcomes.withUnsafeMutableBufferPointer { results in
                nonisolated(unsafe) let results = results
                DispatchQueue.concurrentPerform(iterations: 2) { worker in
                    for index in stride(from: worker, to: files.count, by: 2) {
                        results[index] = Self.parse(files[index], parser: parser, old: stored[files[index].slug])
                    }
                }
            }
            done.signal()
        }
    }

    package func wait() -> [Outcome] {
        done.wait()
        return outcomes
    }

    private static func parse(_ file: ContentTree.File, parser: ArticleParser, old: StoredState.Entry?) -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try parser.read(file)
        } catch {
            return .problems(error.diagnostics)
        }
        if let old, old.path == file.path, old.sourceHash == ContentHash.of(bytes) { return .sameBytes }
        do {
            let pattern = try parser.parse(bytes, file: file)
            return .parsed(pattern, bodyWords: BodyWords.of(pattern.document.plainText))
        } catch {
            return .problems(error.diagnostics)
        }
    }
}

/// What the index holds about each article, to decide what changed.
private struct StoredState {
    package struct Entry {
        package let path: String
        package let size: Int64
        package let modified: Int64
        package let sourceHash: String
    }

    package let tagsDigest: String?
    package let patterns: [String: Entry]

    package init(_ db: Database) throws {
        tagsDigest = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tags_digest'")
        var patterns: [String: Entry] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT slug, path, size, modified, source_hash FROM patterns")
        while let row = try rows.next() {
            patterns[row["slug"]] = Entry(
                path: row["path"], size: row["size"], modified: row["modified"], sourceHash: row["source_hash"])
        }
        self.patterns = patterns
    }
}
