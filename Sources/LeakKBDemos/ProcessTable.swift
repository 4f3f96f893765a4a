import LeakKBSystem
#if canImport(Glibc)
import Glibc
#endif

/// A snapshot of the machine's processes from `/proc/<pid>/stat`: who
/// started whom, which group each is in and how much memory it holds.
/// Read many times a second while a demo runs, so one small read per process.
package struct ProcessTable {
    package struct Entry {
        package let pid: pid_t
        package let parent: pid_t
        package let group: pid_t
        package let isZombie: Bool
        package let residentKiB: Int
    }

    package let entries: [pid_t: Entry]

    package static let pageKiB = max(1, sysconf(Int32(_SC_PAGESIZE)) / 1024)

    package static func read() -> ProcessTable {
        var entries: [pid_t: Entry] = [:]
        for name in FileSystem.entries(of: "/proc").map(\.name) {
            guard let pid = pid_t(name), let entry = entry(pid) else { continue }
            entries[pid] = entry
        }
        return ProcessTable(entries: entries)
    }

    /// `pid (comm) S ppid pgrp …`; the command name may hold spaces and
    /// parentheses, so the fields are counted from the last `)`.
    package static func entry(_ pid: pid_t) -> Entry? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count > 0, let end = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(end + 1)..<count].split(separator: UInt8(ascii: " "))
            .map { String(decoding: $0, as: UTF8.self) }
        // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // priority nice threads itrealvalue starttime vsize rss
        guard fields.count > 21, let parent = pid_t(fields[1]), let group = pid_t(fields[2]),
            let pages = Int(fields[21])
        else { return nil }
        return Entry(
            pid: pid, parent: parent, group: group, isZombie: fields[0] == "Z",
            residentKiB: pages * pageKiB)
    }

    /// `pid` and every process below it, following parent links.
    package func descendants(of roots: [pid_t]) -> Set<pid_t> {
        var children: [pid_t: [pid_t]] = [:]
        for entry in entries.values { children[entry.parent, default: []].append(entry.pid) }
        var found = Set<pid_t>()
        var pending = roots
        while let pid = pending.popLast() {
            guard found.insert(pid).inserted else { continue }
            pending += children[pid] ?? []
        }
        return found
    }

    /// Whether a process was started with `variable=value` in its environment
    /// (what it was given at exec, which it cannot take back).
    package static func environment(of pid: pid_t, contains variable: String) -> Bool {
        guard let bytes = try? FileSystem.read("/proc/\(pid)/environ") else { return false }
        let wanted = Array(variable.utf8)
        return bytes.split(separator: 0).contains { $0.elementsEqual(wanted) }
    }
}
