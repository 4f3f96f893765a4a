import GRDB
import GRDBSQLite

/// Reads the start of an article's body text straight from the index
/// (SQLite's incremental blob I/O): the site's search data needs the first
/// couple of KiB of each body, and reading whole values copies every
/// article's overflow pages.
package struct BodyReader {
    private let connection: SQLiteConnection?
    private var blob: OpaquePointer?
    private var buffer: [UInt8] = []
    /// The whole body's length in bytes.
    package private(set) var count = 0

    package init(connection: SQLiteConnection?) { self.connection = connection }

    package mutating func move(to id: Int64) throws {
        let status =
            blob == nil
            ? sqlite3_blob_open(connection, "main", "patterns", "body", id, 0, &blob)
            : sqlite3_blob_reopen(blob, id)
        guard status == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(connection))
            close()
            throw DatabaseError(resultCode: ResultCode(rawValue: status), message: message)
        }
        count = Int(sqlite3_blob_bytes(blob))
    }

    /// The body's first `length` bytes (all of it when shorter).
    package mutating func withPrefix<T>(_ length: Int, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let length = min(length, count)
        if buffer.count < length { buffer = Array(repeating: 0, count: length) }
        let status = buffer.withUnsafeMutableBytes { sqlite3_blob_read(blob, $0.baseAddress, Int32(length), 0) }
        guard status == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(connection)))
        }
        return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<length])) }
    }

    package mutating func close() {
        sqlite3_blob_close(blob)
        blob = nil
    }
}
