/// What one refresh of the index did, for `leakkb index` to print.
public struct IndexChanges: Sendable, Codable, Equatable {
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []
    public var unchanged = 0
    /// True when the stat check found nothing to look at.
    public var skipped = false

    public init(
        added: [String] = [], changed: [String] = [], removed: [String] = [], unchanged: Int = 0, skipped: Bool = false
    ) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
        self.skipped = skipped
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
}
