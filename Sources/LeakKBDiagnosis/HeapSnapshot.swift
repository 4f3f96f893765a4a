import LeakKBProfiles

/// A heap or allocs profile as evidence: live memory by allocation stack.
/// Both profiles carry the same four values; the live ones (`inuse_space`,
/// `inuse_objects`) are what a leak keeps growing, so an allocs profile is
/// read for them too.
package struct HeapSnapshot: Sendable {
    /// Memory still live at one allocation stack.
    package struct Site: Sendable {
        /// Top first, the allocating function first; runtime frames above it left out.
        package let stack: [StackFrame]
        package let bytes: Int64
        package let objects: Int64
    }

    /// The sites that hold live memory, the most bytes first.
    package let sites: [Site]
    /// Live bytes and objects over all sites.
    package let bytes: Int64
    package let objects: Int64

    /// By default a heap group is suspect from 1 MiB of live memory (grown
    /// since the base, in a diff) at one allocation stack: far above what a
    /// request or a connection holds, far below what a leak reaches in minutes.
    package static let defaultMinimumBytes: Int64 = 1 << 20

    /// The live memory of `profile`; nil unless it is a heap or allocs profile.
    package init?(_ profile: Profile) {
        guard let allocations = profile.allocationSites else { return nil }
        // Sites that differ only in the runtime frames above the allocating call are one site.
        var order: [[StackFrame]] = []
        var sums: [[StackFrame]: (bytes: Int64, objects: Int64)] = [:]
        for site in allocations where site.inuseSpace > 0 || site.inuseObjects > 0 {
            let stack = Self.trimmed(site.stack)
            let sum = sums[stack] ?? (0, 0)
            if sums[stack] == nil { order.append(stack) }
            sums[stack] = (sum.bytes.saturatingAdd(site.inuseSpace), sum.objects.saturatingAdd(site.inuseObjects))
        }
        sites = order.map { Site(stack: $0, bytes: sums[$0]?.bytes ?? 0, objects: sums[$0]?.objects ?? 0) }
            .sorted { $0.bytes > $1.bytes }
        bytes = sites.reduce(0) { $0.saturatingAdd($1.bytes) }
        objects = sites.reduce(0) { $0.saturatingAdd($1.objects) }
    }

    /// The stack without the allocator's frames on top (`runtime.mallocgc`,
    /// `runtime.makeslice`…), as runtime/pprof writes it and pprof shows it;
    /// whole when every frame is the runtime's (a goroutine's own stack).
    static func trimmed(_ stack: [StackFrame]) -> [StackFrame] {
        guard let first = stack.firstIndex(where: { !isRuntime($0.function) }) else { return stack }
        return Array(stack[first...])
    }

    private static func isRuntime(_ function: String) -> Bool {
        function.hasPrefix("runtime.") || function.hasPrefix("internal/runtime/")
    }
}
