/// One group of goroutines as the report gives it: what they share, how
/// many there are (and were, in a diff), how suspicious they look and which
/// patterns they match.
package struct GroupReport: Sendable, Codable, Hashable {
    package let state: String
    package let waitMinutes: Int
    package let lockedToThread: Bool
    package let labels: String?
    package let count: Int
    /// In a diff: the group's size in the base snapshot, and what it grew by.
    package let baseCount: Int?
    package let growth: Int?
    /// The first few member ids.
    package let ids: [Int]
    package let frames: [Frame]
    package let createdBy: Frame?
    package let userFrame: Frame?
    /// count (growth, in a diff) × (1 + longest wait in minutes) × best score.
    package let suspicion: Double
    package let suspect: Bool
    package var matches: [PatternMatch]
    /// Its first member's lines, as numbered in the input.
    package let lines: [NumberedLine]

    private enum CodingKeys: String, CodingKey {
        case state, waitMinutes = "wait_minutes", lockedToThread = "locked_to_thread", labels, count
        case baseCount = "base_count", growth, ids, frames, createdBy = "created_by", userFrame = "user_frame"
        case suspicion, suspect, matches, lines
    }

    /// One goroutine waiting in Accept or a read is how a healthy server
    /// looks; by default a group is suspect from ten goroutines (or ten that
    /// grew) in the same place, or fewer that waited long enough that count ×
    /// (1 + minutes) reaches ten, or any that Go 1.27's runtime marked `(leaked)`.
    package static let defaultMinimumWeight = 10.0

    package init(
        _ group: GoroutineGroup, baseCount: Int?, matches: [PatternMatch], minimumWeight: Double = defaultMinimumWeight
    ) {
        state = group.wait.state
        waitMinutes = group.longestWait
        lockedToThread = group.wait.lockedToThread
        labels = group.labels
        count = group.count
        self.baseCount = baseCount
        growth = baseCount.map { group.count - $0 }
        ids = group.ids
        frames = group.frames
        createdBy = group.creator
        userFrame = group.userFrame
        let weight = Double(growth ?? count) * Double(1 + group.longestWait)
        let best = matches.first?.score ?? 0
        let leaked = group.wait.state.hasSuffix("(leaked)")
        suspect = best >= SignatureMatcher.threshold && weight > 0 && (weight >= minimumWeight || leaked)
        suspicion = suspect ? weight * best : 0
        self.matches = matches
        lines = group.text
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(waitMinutes, forKey: .waitMinutes)
        try container.encode(lockedToThread, forKey: .lockedToThread)
        try container.encode(labels, forKey: .labels)
        try container.encode(count, forKey: .count)
        try container.encode(baseCount, forKey: .baseCount)
        try container.encode(growth, forKey: .growth)
        try container.encode(ids, forKey: .ids)
        try container.encode(frames, forKey: .frames)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(userFrame, forKey: .userFrame)
        try container.encode(suspicion, forKey: .suspicion)
        try container.encode(suspect, forKey: .suspect)
        try container.encode(matches, forKey: .matches)
        try container.encode(lines, forKey: .lines)
    }
}
