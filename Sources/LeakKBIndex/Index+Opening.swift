import LeakKBCatalog
import LeakKBModel
import LeakKBSystem
#if canImport(Glibc)
import Glibc
#endif

extension Index {
    /// How every command opens a knowledge base: up to date with `Content/`
    /// when it can be, and otherwise answering from the last good index,
    /// with one line on `notice` saying why.
    /// - A damaged index (not a database, corrupt) is a cache: it is removed
    ///   and rebuilt from `Content/`. Recorded runs are in another file.
    /// - An index that cannot be written (permissions, read-only file
    ///   system) or whose lock another process holds is read as it is.
    /// - Invalid `Content/` leaves the last good index in use, and throws
    ///   the problems only when there is no last good index.
    package static func opened(
        root: String, path: String? = nil, pooled: Bool = false,
        notice: @escaping @Sendable (String) -> Void
    ) throws -> Index {
        let file = Self.file(root: root, path: path)
        let index: Index
        do {
            index = try Index(root: root, path: path, pooled: pooled)
        } catch {
            switch IndexFault(error) {
            case .damaged:
                return try rebuilt(after: error, root: root, path: path, pooled: pooled, notice: notice).index
            case .unwritable, .busy:
                guard FileIdentity(file) != nil else {
                    throw IndexError.cannotCreate(path: file, reason: IndexFault.reason(error))
                }
                let why = IndexFault(error) == .busy ? "another process holds its lock" : "cannot write the index"
                notice(
                    "\(why) at \(file) (\(IndexFault.reason(error))); "
                        + "answering from it as it is, which may not show recent edits to Content/")
                return try readOnly(root: root, path: path, file: file)
            case nil:
                throw error
            }
        }
        index.connection.notice = notice
        do {
            try index.refresh()
        } catch let failure as ValidationFailure {
            guard try index.hasPatterns() else { throw failure }
            // A bad edit should not take the whole knowledge base away.
            notice("Content/ has problems; using the last good index (run 'leakkb check'):\n\(failure)")
        } catch IndexError.indexing {
            // A new index has nothing to answer from: wait for the other
            // leakkb's first index (it releases the lock when written).
            if try index.hasPatterns() {
                notice("another leakkb is indexing \(root) right now; answering from the index as it was")
            } else {
                let lock = try IndexLock(index: file, root: root, waitingUpTo: IndexLock.patience)
                defer { lock.release() }
                try index.refresh(ContentTree(root: root), force: false)
            }
        } catch {
            switch IndexFault(error) {
            case .damaged:
                return try rebuilt(after: error, root: root, path: path, pooled: pooled, notice: notice).index
            case .unwritable, .busy:
                let why = IndexFault(error) == .busy ? "another process holds the lock of" : "cannot update"
                notice(
                    "\(why) the index at \(file) (\(IndexFault.reason(error))); "
                        + "answering from the last good index, which may not show recent edits to Content/")
            case nil:
                throw error
            }
        }
        return index
    }

    /// What `leakkb index` does: the same recovery from a damaged file as
    /// `opened`, but an index that cannot be brought up to date is an error
    /// (another leakkb indexing, no write access) rather than a fallback.
    package static func indexed(
        root: String, path: String? = nil,
        notice: @escaping @Sendable (String) -> Void
    ) throws -> (index: Index, changes: IndexChanges) {
        let file = Self.file(root: root, path: path)
        do {
            let index = try Index(root: root, path: path)
            index.connection.notice = notice
            return (index, try index.refresh())
        } catch {
            switch IndexFault(error) {
            case .damaged:
                return try rebuilt(after: error, root: root, path: path, pooled: false, notice: notice)
            case .unwritable, .busy:
                throw IndexError.cannotCreate(path: file, reason: IndexFault.reason(error))
            case nil:
                throw error
            }
        }
    }

    /// A new index built from nothing: the old files are removed first, so
    /// a file too damaged to open is no obstacle. Recorded runs are kept.
    package static func rebuilt(
        root: String, path: String? = nil, pooled: Bool = false,
        notice: @escaping @Sendable (String) -> Void = { _ in }
    ) throws
        -> (index: Index, changes: IndexChanges)
    {
        let file = Self.file(root: root, path: path)
        let tree = ContentTree(root: root)
        guard tree.hasContentDirectory else {
            throw ValidationFailure([
                Diagnostic(file: "Content", line: 1, message: "no Content/ directory under \(root)")
            ])
        }
        try makeDirectory(of: file)
        let lock = try IndexLock(index: file, root: root)
        defer { lock.release() }
        removeFiles(of: file)
        let index = try Index(root: root, path: path, pooled: pooled, holdingLock: true)
        index.connection.notice = notice
        return (index, try index.refresh(tree, force: true))
    }

    private static func rebuilt(
        after damage: any Error, root: String, path: String?, pooled: Bool,
        notice: @escaping @Sendable (String) -> Void
    ) throws -> (index: Index, changes: IndexChanges) {
        notice(damageNotice(Self.file(root: root, path: path), damage))
        return try rebuilt(root: root, path: path, pooled: pooled, notice: notice)
    }

    package static func damageNotice(_ file: String, _ error: any Error) -> String {
        "the index at \(file) was damaged (\(IndexFault.reason(error))); rebuilding it from Content/"
    }

    private static func readOnly(root: String, path: String?, file: String) throws -> Index {
        do {
            return try Index(root: root, path: path, readOnly: true)
        } catch let error as IndexError {
            throw error
        } catch {
            throw IndexError.damaged(path: file, reason: IndexFault.reason(error))
        }
    }

    /// The index file and SQLite's companions; never the runs file.
    package static func removeFiles(of file: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(file + suffix) }
    }

    package static func makeDirectory(of file: String) throws {
        let directory = String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)])
        if !directory.isEmpty && !FileSystem.isDirectory(directory) { try FileSystem.makeDirectories(directory) }
    }
}
