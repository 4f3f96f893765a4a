extension Profile {
    /// The goroutines by stack, most numerous first; nil unless this is a
    /// goroutine or goroutineleak profile.
    package var goroutineStacks: [GoroutineStack]? {
        guard kind == .goroutine || kind == .goroutineLeak else { return nil }
        struct Key: Hashable {
            let stack: [StackFrame]
            let labels: [ProfileLabel]
        }
        // runtime/pprof writes each stack once; a profile merged by another tool may not.
        var counts: [Key: Int64] = [:]
        var order: [Key] = []
        for sample in samples {
            let key = Key(stack: sample.stack, labels: sample.labels)
            if let count = counts[key] {
                counts[key] = count.saturatingAdd(sample.values[0])
            } else {
                counts[key] = sample.values[0]
                order.append(key)
            }
        }
        return order.map { GoroutineStack(stack: $0.stack, count: counts[$0] ?? 0, labels: $0.labels) }
            .sorted { $0.count > $1.count }
    }

    /// How many goroutines the profile counts; nil unless it is a goroutine or goroutineleak profile.
    package var goroutineCount: Int64? {
        guard kind == .goroutine || kind == .goroutineLeak else { return nil }
        return samples.reduce(0) { $0.saturatingAdd($1.values[0]) }
    }
}
