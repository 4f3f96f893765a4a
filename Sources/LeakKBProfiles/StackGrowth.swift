/// One stack's values in two profiles of the same kind, and the change.
package struct StackGrowth: Hashable, Sendable {
    /// Top first.
    package let stack: [StackFrame]
    /// One value per sample type in the base profile: zeros for a stack it does not have.
    package let base: [Int64]
    /// One value per sample type in the new profile: zeros for a stack that went away.
    package let new: [Int64]

    package init(stack: [StackFrame], base: [Int64], new: [Int64]) {
        self.stack = stack
        self.base = base
        self.new = new
    }

    /// `new - base` for each sample type.
    package var delta: [Int64] { zip(new, base).map { $0.saturatingSubtract($1) } }
}
