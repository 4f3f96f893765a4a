import LeakKBModel
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
    private var creators: CreatorTally

    /// How many members each creating goroutine started, when the input
    /// names every member's creator; nil when it does not (a profile, an
    /// older Go, a goroutine started by the runtime).
    package var perCreator: PerCreator? { creators.share }

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
        creators = CreatorTally()
        creators.add(record.creatorGoroutine, count: record.count)
    }

    /// Counts one more member (or a profile's stack of `count`).
    mutating func add(count: Int, minutes: Int, id: Int?, creatorGoroutine: Int?) {
        self.count = self.count.addingClamped(count)
        longestWait = max(longestWait, minutes)
        if let id, ids.count < Self.shownIDs { ids.append(id) }
        creators.add(creatorGoroutine, count: count)
    }
}

/// The creating goroutines of a group's members, kept only until they
/// settle the answer: one unknown creator makes it unknown, one creator
/// seen twice makes it `many`.
private struct CreatorTally: Sendable {
    private var seen: Set<Int> = []
    private(set) var share: PerCreator? = .one
    private var settled = false

    mutating func add(_ creator: Int?, count: Int) {
        guard !settled else { return }
        guard let creator, count == 1 else {
            // A profile's stack counts goroutines it cannot tell apart.
            (share, settled, seen) = (nil, true, [])
            return
        }
        if !seen.insert(creator).inserted { (share, settled, seen) = (.many, true, []) }
    }
}

/// The groups of one input, in the order their first members came.
package struct GroupTable: Sendable {
    package private(set) var groups: [GoroutineGroup] = []
    package private(set) var positions: [GroupKey: Int] = [:]
    /// The key of the goroutine at hand, its storage reused from one to the next.
    private var scratch = GroupKey()

    package init() {}

    package mutating func add(_ record: GoroutineRecord) {
        let key = GroupKey(record)
        if let position = positions[key] {
            groups[position].add(
                count: record.count, minutes: record.wait.minutes, id: record.id,
                creatorGoroutine: record.creatorGoroutine)
        } else {
            positions[key] = groups.count
            groups.append(GoroutineGroup(record))
        }
    }

    /// A goroutine as the text parser read it: only the first of a group
    /// becomes a record, the others are counted from their bytes.
    mutating func add(_ draft: GoroutineDraft) {
        draft.key(into: &scratch)
        if let position = positions[scratch] {
            groups[position].add(
                count: draft.count, minutes: draft.minutes, id: draft.id, creatorGoroutine: draft.creatorGoroutine)
        } else {
            positions[scratch] = groups.count
            groups.append(GoroutineGroup(draft.record))
        }
    }

    package func count(of key: GroupKey) -> Int {
        positions[key].map { groups[$0].count } ?? 0
    }

    package var keyedGroups: [(key: GroupKey, group: GoroutineGroup)] {
        positions.sorted { $0.value < $1.value }.map { ($0.key, groups[$0.value]) }
    }
}
