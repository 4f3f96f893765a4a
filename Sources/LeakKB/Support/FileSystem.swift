import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls leakkb needs, on POSIX directly: the index's
/// freshness check stats every article on every command, so it must be cheap.
enum FileSystem {
    struct Entry {
        let name: String
        let isDirectory: Bool
    }

    struct Status: Hashable {
        let size: Int64
        let modified: Int64 // nanoseconds since the epoch
    }

    static func entries(of directory: String) -> [Entry] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var result: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                isDirectory = Self.isDirectory(directory + "/" + name)
            }
            result.append(Entry(name: name, isDirectory: isDirectory))
        }
        return result.sorted { $0.name < $1.name }
    }

    static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(size: Int64(info.st_size),
                      modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// `status` of many paths, in parallel chunks for large lists.
    static func statuses(_ paths: [String]) -> [Status?] {
        let chunks = paths.count < 512 ? 1 : 4
        // Each chunk writes only its own indices.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Status?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let size = (paths.count + chunks - 1) / max(chunks, 1)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * size, end = min(start + size, paths.count)
            guard start < end else { return }
            for index in start..<end { results[index] = status(paths[index]) }
        }
        return Array(results)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, code: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, code: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}

/// A failed file operation, with the path and the system's reason.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

extension FileSystem {
    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws(FileError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw FileError(path: current, code: errno)
            }
        }
    }
}
