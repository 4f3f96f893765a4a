import LeakKBProfiles

/// One group of goroutines, or one allocation site of a heap profile, as the
/// report gives it: what its members share, how many there are (and were, in
/// a diff), how suspicious they look and which patterns they match.
package struct GroupReport: Sendable, Codable, Hashable {
    /// Goroutines, or live memory at one allocation stack (its objects then being the count).
    package let evidence: EvidenceKind
    package let state: String
    package let waitMinutes: Int
    package let lockedToThread: Bool
    package let labels: String?
    /// Goroutines, or live objects at an allocation site.
    package let count: Int
    /// In a diff: the group's size in the base snapshot, and what it grew by.
    package let baseCount: Int?
    package let growth: Int?
    /// An allocation site's live bytes, in the base and grown since; nil for goroutines.
    package let bytes: Int64?
    package let baseBytes: Int64?
    package let bytesGrowth: Int64?
    /// The first few member ids.
    package let ids: [Int]
    package let frames: [StackFrame]
    package let createdBy: StackFrame?
    package let userFrame: StackFrame?
    /// count (growth, in a diff) × (1 + longest wait in minutes) × best score;
    /// for an allocation site, 10 × live bytes (growth) / the bytes threshold × best
    /// score, so a site at the threshold weighs as the default ten goroutines do.
    package let suspicion: Double
    package let suspect: Bool
    package var matches: [PatternMatch]
    /// Its first member's lines, as numbered in the input.
    package let lines: [NumberedLine]

    private enum CodingKeys: String, CodingKey {
        case evidence, state, waitMinutes = "wait_minutes", lockedToThread = "locked_to_thread", labels, count
        case baseCount = "base_count", growth, bytes, baseBytes = "base_bytes", bytesGrowth = "bytes_growth", ids,
            frames, createdBy = "created_by", userFrame = "user_frame"
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
        evidence = .goroutines
        state = group.wait.state
        waitMinutes = group.longestWait
        lockedToThread = group.wait.lockedToThread
        labels = group.labels
        count = group.count
        self.baseCount = baseCount
        growth = baseCount.map { group.count - $0 }
        bytes = nil
        baseBytes = nil
        bytesGrowth = nil
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

    /// An allocation site of a heap profile, `stack` top first as `lines`
    /// numbers it: suspect when it names a pattern and its live bytes (grown
    /// since the base, in a diff) reach `minimumBytes`.
    package init(
        allocation stack: [StackFrame], bytes: Int64, objects: Int64, base: (bytes: Int64, objects: Int64)?,
        matches: [PatternMatch], lines: [NumberedLine], minimumBytes: Int64
    ) {
        evidence = .heap
        state = ""
        waitMinutes = 0
        lockedToThread = false
        labels = nil
        count = Int(clamping: objects)
        baseCount = base.map { Int(clamping: $0.objects) }
        growth = base.map { Int(clamping: objects.saturatingSubtract($0.objects)) }
        self.bytes = bytes
        baseBytes = base?.bytes
        let grown = base.map { bytes.saturatingSubtract($0.bytes) }
        bytesGrowth = grown
        ids = []
        frames = stack
        createdBy = nil
        userFrame = stack.first { !$0.isStandardLibrary }
        let weight = Self.defaultMinimumWeight * Double(grown ?? bytes) / Double(max(minimumBytes, 1))
        let best = matches.first?.score ?? 0
        suspect = best >= SignatureMatcher.threshold && (grown ?? bytes) >= max(minimumBytes, 1)
        suspicion = suspect ? weight * best : 0
        self.matches = matches
        self.lines = lines
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(state, forKey: .state)
        try container.encode(waitMinutes, forKey: .waitMinutes)
        try container.encode(lockedToThread, forKey: .lockedToThread)
        try container.encode(labels, forKey: .labels)
        try container.encode(count, forKey: .count)
        try container.encode(baseCount, forKey: .baseCount)
        try container.encode(growth, forKey: .growth)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(baseBytes, forKey: .baseBytes)
        try container.encode(bytesGrowth, forKey: .bytesGrowth)
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
