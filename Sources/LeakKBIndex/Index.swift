import GRDB
import LeakKBCatalog
#if canImport(Glibc)
import Glibc
#endif

/// The SQLite index of a knowledge base (`.leakkb/index.sqlite` under its
/// root unless told otherwise): what every face of leakkb reads.
///
/// The index is a cache of `Content/` and may be deleted or rebuilt at any
/// time. Recorded demo runs are the one thing leakkb owns, so they live in
/// a file of their own (`runsPath`), attached to every connection as
/// `runs`: no rebuild, corruption or deletion of the index touches them.
package struct Index: Sendable {
    package let root: String
    package let path: String
    package let runsPath: String
    /// Opened read-only (the file or its directory cannot be written, or
    /// another process holds the lock): queries work, refreshes do not.
    package let isReadOnly: Bool
    package let connection: IndexConnection

    /// Opens (creating and migrating as needed) the index at `path`.
    /// `pooled` asks for a connection pool with the file memory-mapped, for
    /// readers on several threads (the server, which also re-indexes while
    /// it reads; the export). `readOnly` opens an existing index without
    /// writing anything, not even its lock files.
    /// `holdingLock`: the caller holds the index's lock (see `IndexConnection`).
    package init(
        root: String, path: String? = nil, pooled: Bool = false, readOnly: Bool = false, holdingLock: Bool = false
    ) throws {
        self.root = root
        self.path = Self.file(root: root, path: path)
        self.runsPath = Self.runsPath(besides: self.path, explicit: path != nil)
        self.isReadOnly = readOnly
        connection = try IndexConnection(
            path: self.path, runsPath: runsPath, pooled: pooled, readOnly: readOnly, holdingLock: holdingLock)
    }

    /// The index file: `path` when given, else `.leakkb/index.sqlite` under the root.
    package static func file(root: String, path: String?) -> String {
        path ?? root + "/.leakkb/index.sqlite"
    }

    /// `index.sqlite` keeps its runs in `runs.sqlite` beside it; any other
    /// index file `x.sqlite` in `x.runs.sqlite`, so that two indexes in one
    /// directory never share runs by accident.
    package static func runsPath(besides path: String, explicit: Bool) -> String {
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        if !explicit || name == "index.sqlite" { return directory + "runs.sqlite" }
        let stem = name.hasSuffix(".sqlite") ? String(name.dropLast(7)) : name
        return directory + stem + ".runs.sqlite"
    }

    package var database: any DatabaseWriter { connection.current }

    /// Reads, and if the index turns out to be damaged, rebuilds it from
    /// `Content/` (it is a cache) and reads again.
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            do {
                return try database.read(body)
            } catch  where IndexFault(error) == .damaged && !isReadOnly && connection.claimRepair() {
                connection.notice(Self.damageNotice(path, error))
                let lock = try IndexLock(index: path, root: root)
                defer { lock.release() }
                Self.removeFiles(of: path)
                try connection.reopen(holdingLock: true)
                try refresh(ContentTree(root: root), force: true)
                return try database.read(body)
            }
        } catch let error as UnreadableValue {
            throw IndexError.damaged(path: path, reason: error.description)
        }
    }

    /// Opens the files again when the index or the runs file on disk is no
    /// longer the one open here (deleted, replaced, rebuilt by another
    /// process): a long-running server would otherwise answer from an
    /// unlinked file for ever. Returns whether it reopened.
    @discardableResult
    package func reopenIfReplaced() throws -> Bool { try connection.reopenIfReplaced() }

    /// For a reader that lives long (the server): the files opened again if
    /// they were replaced — a new, empty index indexed at once — and then
    /// the generation.
    package func servedGeneration() throws -> String {
        if try reopenIfReplaced() { _ = try? refresh() }
        return try generation()
    }

    /// Changes whenever what the index answers may have changed: an article
    /// or tag refreshed, a demo run recorded (by this process or any other),
    /// or the files replaced. The server keys its cached answers by it.
    package func generation() throws -> String {
        try read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT coalesce((SELECT value FROM meta WHERE key = 'revision'), '')
                        || ' ' || coalesce((SELECT max(id) FROM runs.demo_runs), 0)
                        || ' ' || coalesce((SELECT value FROM runs.runs_meta WHERE key = 'epoch'), '')
                    """) ?? ""
        } + " " + String(connection.openings)
    }
}
