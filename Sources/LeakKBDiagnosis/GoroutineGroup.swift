import LeakKBProfiles

/// Goroutines that wait in the same state at the same places: the same
/// functions at the same lines, created at the same place. Arguments, ids and
/// wait times differ between them and are left out of what makes a group.
package struct GoroutineGroup: Sendable {
    package let wait: WaitState
    package let frames: [StackFrame]
    package let creator: StackFrame?
    package internal(set) var count: Int
    /// The longest wait of any member, in minutes.
    package internal(set) var longestWait: Int
    package internal(set) var ids: [Int]
    package let labels: String?
    /// The lines of its first member, as the input numbers them.
    package let text: [NumberedLine]

    /// The first frame outside the runtime and the standard library: where
    /// the program's own code holds the goroutine. The creator when no
    /// frame is the program's.
    package var userFrame: StackFrame? {
        frames.first { !$0.isStandardLibrary } ?? creator.flatMap { $0.isStandardLibrary ? nil : $0 }
    }

    /// How many member ids a group keeps to show.
    static let shownIDs = 5

    package init(_ record: GoroutineRecord) {
        wait = record.wait
        frames = record.frames
        creator = record.creator
        count = record.count
        longestWait = record.wait.minutes
        ids = record.id.map { [$0] } ?? []
        labels = record.labels
        text = record.text
    }

    /// What goroutines of one group share.
    package static func key(of record: GoroutineRecord) -> String {
        var key = record.wait.state
        if record.wait.lockedToThread { key += " [locked]" }
        for frame in record.frames { key += "\n" + frame.function + " " + frame.location }
        if let creator = record.creator { key += "\n< " + creator.function + " " + creator.location }
        if let labels = record.labels { key += "\n{" + labels }
        return key
    }

    package mutating func add(_ record: GoroutineRecord) {
        count += record.count
        longestWait = max(longestWait, record.wait.minutes)
        if let id = record.id, ids.count < Self.shownIDs { ids.append(id) }
    }
}

/// The groups of one input, in the order their first members came.
package struct GroupTable: Sendable {
    package private(set) var groups: [GoroutineGroup] = []
    package private(set) var positions: [String: Int] = [:]

    package init() {}

    package mutating func add(_ record: GoroutineRecord) {
        let key = GoroutineGroup.key(of: record)
        if let position = positions[key] {
            groups[position].add(record)
        } else {
            positions[key] = groups.count
            groups.append(GoroutineGroup(record))
        }
    }

    package func count(of key: String) -> Int {
        positions[key].map { groups[$0].count } ?? 0
    }

    package var keyedGroups: [(key: String, group: GoroutineGroup)] {
        positions.sorted { $0.value < $1.value }.map { ($0.key, groups[$0.value]) }
    }
}
