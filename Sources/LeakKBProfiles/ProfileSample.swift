/// One sample: a stack, one value per sample type of its profile, and labels.
package struct ProfileSample: Hashable, Sendable {
    /// Top first: `stack[0]` is where the goroutine waits or the memory was allocated.
    package let stack: [StackFrame]
    /// In the order of `Profile.sampleTypes`.
    package let values: [Int64]
    package let labels: [ProfileLabel]

    package init(stack: [StackFrame], values: [Int64], labels: [ProfileLabel]) {
        self.stack = stack
        self.values = values
        self.labels = labels
    }
}
