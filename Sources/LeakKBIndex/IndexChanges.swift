/// What one refresh of the index did, for `leakkb index` to print.
package struct IndexChanges: Sendable, Codable, Equatable {
    package var added: [String] = []
    package var changed: [String] = []
    package var removed: [String] = []
    package var unchanged = 0
    /// True when the stat check found nothing to look at.
    package var skipped = false

    package init(
        added: [String] = [], changed: [String] = [], removed: [String] = [], unchanged: Int = 0, skipped: Bool = false
    ) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
        self.skipped = skipped
    }

    package var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
}
