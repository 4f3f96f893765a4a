import GRDB
import LeakKBModel
import LeakKBSystem

/// What can go wrong with the index's files, each said in one sentence that
/// names the path and what to do.
package enum IndexError: Error, Sendable, CustomStringConvertible {
    case missing(path: String)
    case outdated(path: String)
    case cannotCreate(path: String, reason: String)
    case cannotRecord(path: String, reason: String)
    case indexing(root: String)
    case damaged(path: String, reason: String)
    /// A recorded run holds a value leakkb cannot read; unlike the index, runs cannot be rebuilt.
    case unreadableRun(path: String, reason: String)

    package var description: String {
        switch self {
        case .missing(let path):
            "there is no index at \(path); run 'leakkb index' where it can be written"
        case .outdated(let path):
            "the index at \(path) was made by an older leakkb and cannot be upgraded without writing to it; "
                + "run 'leakkb index' as a user who can write there, or pass --db with a writable path"
        case .cannotCreate(let path, let reason):
            "cannot create the index at \(path) (\(reason)); pass --db with a path leakkb can write"
        case .cannotRecord(let path, let reason):
            "could not record the run in \(path) (\(reason)); the figures above were not saved"
        case .indexing(let root):
            "another leakkb is indexing \(root) right now; run the command again when it has finished"
        case .damaged(let path, let reason):
            "the index at \(path) is damaged (\(reason)) and cannot be rebuilt here; delete it or pass --db with a writable path"
        case .unreadableRun(let path, let reason):
            "a run recorded in \(path) cannot be read (\(reason)); move the file aside to start a new record of runs"
        }
    }
}

extension IndexError: Failure {
    package var exitCode: Int32 { ExitStatus.failure }
    package var httpStatus: Int { 500 }
}

/// The ways an SQLite or file error can concern the index as a whole, which
/// decide what a command does about it.
package enum IndexFault: Equatable {
    /// Not a database, or corrupt: the index is a cache, so it is rebuilt.
    case damaged
    /// The file or its directory cannot be written (permissions, read-only
    /// file system, full disk): answer read-only from the last good index.
    case unwritable
    /// Another process holds the lock: the same, without waiting for it.
    case busy

    package init?(_ error: any Error) {
        if let error = error as? DatabaseError {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_AUTH:
                self = .unwritable
            case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
            default: return nil
            }
        } else if error is FileError {
            self = .unwritable
        } else if error is UnreadableValue {
            self = .damaged
        } else {
            return nil
        }
    }

    /// The part of an error worth showing: SQLite's own words, without GRDB's
    /// dump of the statement.
    package static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        if let error = error as? FileError { return String(error.description.split(separator: ": ").last ?? "") }
        return "\(error)"
    }
}
