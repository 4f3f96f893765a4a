/// Goroutines that share one stack (and labels) in a goroutine or
/// goroutineleak profile, with how many there are.
package struct GoroutineStack: Hashable, Sendable {
    /// Top first: `stack[0]` is where they wait (`runtime.gopark` and friends for a blocked goroutine).
    package let stack: [StackFrame]
    package let count: Int64
    package let labels: [ProfileLabel]

    package init(stack: [StackFrame], count: Int64, labels: [ProfileLabel]) {
        self.stack = stack
        self.count = count
        self.labels = labels
    }
}
