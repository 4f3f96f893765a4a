#if canImport(Glibc)
import Glibc
#endif

/// What goroutines of one group share, as bytes: the state, whether it is
/// locked to a thread, each frame's function and location, the creator and
/// the labels, each field preceded by its length so that no two different
/// goroutines spell the same key. Built the same way from a dump's bytes
/// (`GoroutineDraft`) and from a record (a profile's stacks), so a `--base`
/// diff finds a group in either.
package struct GroupKey: Hashable, Sendable {
    private var bytes: [UInt8] = []

    init() {}

    init(_ record: GoroutineRecord) {
        append(record.wait.state)
        append(flag: record.wait.lockedToThread)
        append(count: record.frames.count)
        for frame in record.frames {
            append(frame.function)
            append(frame.location)
        }
        append(flag: record.creator != nil)
        if let creator = record.creator {
            append(creator.function)
            append(creator.location)
        }
        append(flag: record.labels != nil)
        if let labels = record.labels { append(labels) }
    }

    /// Empties the key, keeping its storage for the next goroutine.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ field: LineBytes) {
        append(count: field.count)
        bytes.append(contentsOf: field)
    }

    mutating func append(_ field: String) {
        append(count: field.utf8.count)
        bytes.append(contentsOf: field.utf8)
    }

    mutating func append(flag: Bool) {
        bytes.append(flag ? 1 : 0)
    }

    mutating func append(count: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian) { bytes.append(contentsOf: $0) }
    }

    package func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    package static func == (lhs: GroupKey, rhs: GroupKey) -> Bool {
        lhs.bytes.count == rhs.bytes.count
            && lhs.bytes.withUnsafeBytes { left in
                rhs.bytes.withUnsafeBytes { right in
                    left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
                }
            }
    }
}
