import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The SQLite index of a knowledge base (`.leakkb/index.sqlite` under its
/// root unless told otherwise): what every face of leakkb reads.
public struct Index: Sendable {
    public let root: String
    public let path: String
    let database: any DatabaseWriter

    /// Opens (creating and migrating as needed) the index at `path`.
    /// `pooled` asks for a connection pool with the file memory-mapped, for
    /// readers on several threads (the server, which also re-indexes while
    /// it reads; the export).
    public init(root: String, path: String? = nil, pooled: Bool = false) throws {
        self.root = root
        self.path = path ?? root + "/.leakkb/index.sqlite"
        let directory = String(self.path[..<(self.path.lastIndex(of: "/") ?? self.path.startIndex)])
        if !directory.isEmpty && !FileSystem.isDirectory(directory) {
            try FileSystem.makeDirectories(directory)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // Articles are tens of KiB of text each: larger pages mean fewer
            // overflow pages to write. Only takes effect on a new file.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Pooled readers read most of the index; mapping it spares a copy of every page read.
            if pooled { try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        }
        database = pooled
            ? try DatabasePool(path: self.path, configuration: configuration)
            : try DatabaseQueue(path: self.path, configuration: configuration)
        try Schema.migrator.migrate(database)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try database.read(body) }
}
