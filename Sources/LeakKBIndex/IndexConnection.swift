import GRDB
import LeakKBSystem
import Synchronization

/// The open database behind an `Index`, and which files it is: so that it
/// can be opened again when those files were deleted or replaced under it.
package final class IndexConnection: Sendable {
    package let path: String
    package let runsPath: String
    package let pooled: Bool
    package let readOnly: Bool

    private struct State {
        package var writer: any DatabaseWriter
        package var files: [FileIdentity?]
        /// How many times the files were opened: part of the index's generation.
        package var openings: Int
    }

    private let state: Mutex<State>
    private let reopening = Mutex(())
    private let noticeHandler = Mutex<@Sendable (String) -> Void>({ _ in })
    private let repaired = Atomic<Bool>(false)

    /// Where the index says what it did by itself (rebuilt a damaged file).
    package var notice: @Sendable (String) -> Void {
        get { noticeHandler.withLock { $0 } }
        set { noticeHandler.withLock { $0 = newValue } }
    }

    /// True the first time only: a damaged file is rebuilt once per process,
    /// so a fault that a rebuild does not cure is reported, not looped on.
    package func claimRepair() -> Bool { !repaired.exchange(true, ordering: .relaxed) }

    /// `holdingLock`: the caller holds the index's lock (it is rebuilding the
    /// files), so opening them must not wait for it.
    package init(path: String, runsPath: String, pooled: Bool, readOnly: Bool, holdingLock: Bool = false) throws {
        self.path = path
        self.runsPath = runsPath
        self.pooled = pooled
        self.readOnly = readOnly
        let writer = try Self.open(
            path: path, runsPath: runsPath, pooled: pooled, readOnly: readOnly, holdingLock: holdingLock)
        state = Mutex(State(writer: writer, files: [FileIdentity(path), FileIdentity(runsPath)], openings: 1))
    }

    package var current: any DatabaseWriter { state.withLock { $0.writer } }
    package var openings: Int { state.withLock { $0.openings } }

    package func reopenIfReplaced() throws -> Bool {
        // One thread reopens; the others wait and then see the new files.
        try reopening.withLock { _ in
            let files = [FileIdentity(path), FileIdentity(runsPath)]
            guard state.withLock({ $0.files != files }) else { return false }
            try reopen()
            return true
        }
    }

    /// Opens the files anew; queries already running finish on the old ones.
    package func reopen(holdingLock: Bool = false) throws {
        let writer = try Self.open(
            path: path, runsPath: runsPath, pooled: pooled, readOnly: readOnly, holdingLock: holdingLock)
        let files = [FileIdentity(path), FileIdentity(runsPath)]
        state.withLock { $0 = State(writer: writer, files: files, openings: $0.openings + 1) }
    }

    /// Whether nothing, or an empty file, is at `path`: an index not made yet.
    private static func isEmpty(_ path: String) -> Bool { (FileSystem.status(path)?.size ?? 0) == 0 }

    private static func open(
        path: String, runsPath: String, pooled: Bool, readOnly: Bool, holdingLock: Bool
    ) throws -> any DatabaseWriter {
        var configuration = Configuration()
        // Short: a command that cannot get the lock quickly answers from
        // the last good index instead of waiting (see Index.opened).
        configuration.busyMode = .timeout(1)
        configuration.readonly = readOnly
        // WAL even for a single connection: a writer never blocks readers,
        // so another process indexing does not stop a search.
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                // Articles are tens of KiB of text each: larger pages mean
                // fewer overflow pages to write. Only takes effect on a new file.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            // Pooled readers read most of the index; mapping it spares a copy of every page read.
            if pooled { try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
            try RunsFile.attach(runsPath, to: db, immutable: readOnly)
        }
        if readOnly {
            guard FileIdentity(path) != nil else { throw IndexError.missing(path: path) }
            let queue: DatabaseQueue
            do {
                let plain = try DatabaseQueue(path: path, configuration: configuration)
                _ = try plain.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
                queue = plain
            } catch {
                // A WAL file in a directory this process cannot write can only
                // be read as immutable: no lock files, no shared memory.
                queue = try DatabaseQueue(path: SQLiteURI.immutable(path), configuration: configuration)
            }
            guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else {
                throw IndexError.outdated(path: path)
            }
            return queue
        }
        try Index.makeDirectory(of: path)
        // One leakkb at a time creates a new index and migrates one: two
        // starting on the same new file would each find it empty and the
        // second fail half-way (a table the first just made, a table the
        // first's migration replaced). The lock is taken only then, so a
        // refresh running elsewhere never holds up a command opening an
        // index that is already up to date.
        var lock: IndexLock?
        if !holdingLock && Self.isEmpty(path) {
            lock = try IndexLock(index: path, root: path, waitingUpTo: IndexLock.patience)
        }
        defer { lock?.release() }
        let writer: any DatabaseWriter =
            pooled
            ? try DatabasePool(path: path, configuration: configuration)
            : try DatabaseQueue(path: path, configuration: configuration)
        if try !writer.read({ try Schema.migrator.hasCompletedMigrations($0) }) {
            if lock == nil && !holdingLock {
                lock = try IndexLock(index: path, root: path, waitingUpTo: IndexLock.patience)
            }
            try Schema.migrator.migrate(writer)
        }
        // An old index's migration may have moved runs as JSON into the runs file.
        try writer.write { try RunsFile.convertLegacyRows(in: $0) }
        return writer
    }
}
