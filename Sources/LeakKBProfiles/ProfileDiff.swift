/// What changed between two profiles of one kind (pprof's `-diff_base`):
/// per stack, each value in the base and in the new profile. Stacks are
/// compared by function, file and line; labels are left aside, so goroutines
/// that differ only in their labels count as one stack.
package struct ProfileDiff: Hashable, Sendable {
    package let kind: ProfileKind
    package let sampleTypes: [SampleType]
    /// The value `grown` ranks by: the goroutine count, the heap's live bytes…
    package let primaryValueIndex: Int
    /// Every stack of either profile, the greatest growth of the primary value first.
    package let stacks: [StackGrowth]

    /// Compares `new` with `base`; they must have the same sample types.
    package init(base: Profile, new: Profile) throws(ProfileError) {
        guard base.sampleTypes == new.sampleTypes, base.kind == new.kind else {
            throw .incomparable(base: base.kind.description, new: new.kind.description)
        }
        kind = new.kind
        sampleTypes = new.sampleTypes
        primaryValueIndex = new.primaryValueIndex
        let zero = [Int64](repeating: 0, count: sampleTypes.count)
        let baseSums = Self.sums(of: base)
        let newSums = Self.sums(of: new)
        var stacks = newSums.order.map { stack in
            StackGrowth(stack: stack, base: baseSums.values[stack] ?? zero, new: newSums.values[stack] ?? zero)
        }
        stacks += baseSums.order.lazy.filter { newSums.values[$0] == nil }.map {
            StackGrowth(stack: $0, base: baseSums.values[$0] ?? zero, new: zero)
        }
        let index = primaryValueIndex
        self.stacks = stacks.map { ($0, $0.delta[index]) }.sorted { $0.1 > $1.1 }.map(\.0)
    }

    /// The stacks whose primary value grew, the most first: what leaked between the two profiles.
    package var grown: [StackGrowth] {
        stacks.filter { $0.delta[primaryValueIndex] > 0 }
    }

    /// Each stack's values added over its samples, in the order stacks first appear.
    private static func sums(of profile: Profile) -> (order: [[StackFrame]], values: [[StackFrame]: [Int64]]) {
        var order: [[StackFrame]] = []
        var values: [[StackFrame]: [Int64]] = [:]
        for sample in profile.samples {
            if let sum = values[sample.stack] {
                values[sample.stack] = zip(sum, sample.values).map { $0.saturatingAdd($1) }
            } else {
                values[sample.stack] = sample.values
                order.append(sample.stack)
            }
        }
        return (order, values)
    }
}
