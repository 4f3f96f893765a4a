import Dispatch
import LeakKBModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls leakkb needs, on POSIX directly: the index's
/// freshness check stats every article on every command, so it must be cheap.
package enum FileSystem {
    package struct Entry {
        package let name: String
        package let isDirectory: Bool
    }

    package struct Status: Hashable {
        package let size: Int64
        package let modified: Int64  // nanoseconds since the epoch

        package init(_ info: stat) {
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        }
    }

    /// The directory's entries in the order the file system keeps them
    /// (not sorted: callers that need an order choose it).
    package static func entries(of directory: String) -> [Entry] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var result: [Entry] = []
        while let entry = readdir(dir) {
            let name = Self.name(of: entry)
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                isDirectory = Self.isDirectory(directory + "/" + name)
            }
            result.append(Entry(name: name, isDirectory: isDirectory))
        }
        return result
    }

    private static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
    }

    package static func status(_ path: String) -> Status? {
        var info = stat()
        return stat(path, &info) == 0 ? Status(info) : nil
    }

    /// What a name in a directory is when it is not a regular file.
    package enum Irregular: Hashable, CustomStringConvertible {
        case directory, fifo, socket, device
        case danglingLink
        case unreadable(Int32)

        package init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .fifo
            case S_IFSOCK: self = .socket
            default: self = .device
            }
        }

        package var description: String {
            switch self {
            case .directory: "is a directory, not a regular file"
            case .fifo: "is a FIFO (named pipe), not a regular file"
            case .socket: "is a socket, not a regular file"
            case .device: "is a device, not a regular file"
            case .danglingLink: "is a symbolic link to a file that does not exist"
            case .unreadable(let code): "cannot be examined: \(String(cString: strerror(code)))"
            }
        }
    }

    /// The names in `directory` that pass `include`: regular files (symbolic
    /// links followed) with their status, and everything else with what it
    /// is, so that callers can report it. Every command stats every article
    /// to see whether the index is fresh, so the stat calls start on other
    /// threads while the directory is still being read, and are relative to
    /// its descriptor (the kernel walks one path component per file, not
    /// the whole path).
    package static func files(
        in directory: String, where include: (String) -> Bool
    )
        -> (regular: [(name: String, status: Status)], irregular: [(name: String, what: Irregular)])
    {
        guard let dir = opendir(directory) else { return ([], []) }
        defer { closedir(dir) }
        let descriptor = dirfd(dir)
        let group = DispatchGroup()
        var batches: [StatBatch] = []
        var names: [String] = []
        func startBatch() {
            let batch = StatBatch(names)
            batches.append(batch)
            names = []
            DispatchQueue.global().async(group: group) { batch.run(relativeTo: descriptor) }
        }
        while let entry = readdir(dir) {
            let name = Self.name(of: entry)
            guard name != ".", name != "..", include(name) else { continue }
            names.append(name)
            if names.count == 512 { startBatch() }
        }
        if !names.isEmpty { startBatch() }
        group.wait()
        var regular: [(name: String, status: Status)] = []
        var irregular: [(name: String, what: Irregular)] = []
        for batch in batches {
            for (name, found) in zip(batch.names, batch.found) {
                switch found {
                case .regular(let status): regular.append((name, status))
                case .irregular(let what): irregular.append((name, what))
                case .gone: break
                }
            }
        }
        return (regular, irregular)
    }

    /// Names whose status one worker fills in; read only once the worker is done.
    private final class StatBatch: @unchecked Sendable {
        package enum Found {
            case regular(Status)
            case irregular(Irregular)
            /// Removed between listing and stat.
            case gone
        }

        package let names: [String]
        package private(set) var found: [Found] = []

        package init(_ names: [String]) { self.names = names }

        package func run(relativeTo directory: Int32) {
            var info = stat()
            found = names.map { name in
                if fstatat(directory, name, &info, 0) == 0 {
                    let regular = (info.st_mode & S_IFMT) == S_IFREG
                    return regular ? .regular(Status(info)) : .irregular(Irregular(mode: info.st_mode))
                }
                let code = errno
                guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    return errno == ENOENT ? .gone : .irregular(.unreadable(code))
                }
                let dangling = (info.st_mode & S_IFMT) == S_IFLNK && code == ENOENT
                return .irregular(dangling ? .danglingLink : .unreadable(code))
            }
        }
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The bytes of the regular file at `path` (symbolic links followed),
    /// at most `limit` of them. The size is checked from the file's status
    /// before a byte is read, and again while reading in case it grows. It
    /// opens without blocking, since opening a FIFO would wait for a writer.
    package static func read(_ path: String, limit: Int = .max) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, code: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileError(path: path, code: EINVAL, reason: "\(Irregular(mode: info.st_mode))")
        }
        guard info.st_size <= limit else { throw FileError(path: path, code: EFBIG) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, code: errno)
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else { throw FileError(path: path, code: EFBIG) }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}

/// A failed file operation, with the path and the system's reason.
package struct FileError: Error, Sendable, CustomStringConvertible {
    package let path: String
    package let code: Int32
    /// Said instead of the system's text for `code` where that would mislead.
    package let reason: String?

    package init(path: String, code: Int32, reason: String? = nil) {
        self.path = path
        self.code = code
        self.reason = reason
    }

    /// What went wrong, without the path (for messages that name it already).
    package var problem: String { reason ?? String(cString: strerror(code)) }

    package var description: String { "\(path): \(problem)" }
}

extension FileError: Failure {
    package var exitCode: Int32 { ExitStatus.failure }
    package var httpStatus: Int { 500 }
}

extension FileSystem {
    /// Creates or truncates `path` and writes `text` as UTF-8; returns the
    /// byte count. No fsync: the site, the one caller, is written to a
    /// temporary tree and renamed into place as a whole.
    @discardableResult
    package static func write(_ text: String, to path: String) throws(FileError) -> Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, code: errno) }
        defer { close(fd) }
        var text = text
        let failure = text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
        if let failure { throw FileError(path: path, code: failure) }
        return text.utf8.count
    }

    /// Whether the file at `path` holds exactly `text` as UTF-8.
    package static func contents(of path: String, equal text: String) -> Bool {
        guard let status = status(path), status.size == text.utf8.count, let bytes = try? read(path) else {
            return false
        }
        var text = text
        // An empty file equals an empty text; memcmp needs real pointers otherwise.
        guard !bytes.isEmpty else { return true }
        return text.withUTF8 { utf8 in
            bytes.withUnsafeBytes { memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0 }
        }
    }

    /// `mkdir -p`.
    package static func makeDirectories(_ path: String) throws(FileError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw FileError(path: current, code: errno)
            }
        }
    }
}

extension FileSystem {
    /// `rm -rf`, relative to each directory's descriptor and trusting the
    /// entry types readdir reports: removing the previous site after an
    /// export is ten thousand unlinks, and Foundation's removal stats each.
    package static func removeTree(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            unlink(path)
            return
        }
        removeContents(of: fd)
        rmdir(path)
    }

    /// Removes everything in the directory `fd` and closes it.
    private static func removeContents(of fd: Int32) {
        guard let dir = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = Self.name(of: entry)
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            if type != UInt8(DT_DIR) && type != UInt8(DT_UNKNOWN) {
                if unlinkat(fd, name, 0) == 0 { continue }
            }
            let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 {
                removeContents(of: child)
                unlinkat(fd, name, AT_REMOVEDIR)
            } else {
                unlinkat(fd, name, 0)
            }
        }
    }
}
