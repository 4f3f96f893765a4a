extension Profile {
    /// Memory by allocation site, the most live bytes first (the most
    /// allocated bytes for an allocs profile); nil unless this is a heap or
    /// allocs profile. Samples of one stack that differ only in object size
    /// are added together.
    package var allocationSites: [AllocationSite]? {
        guard kind == .heap || kind == .allocs,
            let inuseSpace = valueIndex(of: HeapValues.inuseSpace.rawValue),
            let inuseObjects = valueIndex(of: HeapValues.inuseObjects.rawValue),
            let allocSpace = valueIndex(of: HeapValues.allocSpace.rawValue),
            let allocObjects = valueIndex(of: HeapValues.allocObjects.rawValue)
        else { return nil }
        let indices = [inuseSpace, inuseObjects, allocSpace, allocObjects]
        var sums: [[StackFrame]: [Int64]] = [:]
        var order: [[StackFrame]] = []
        for sample in samples {
            let values = indices.map { sample.values[$0] }
            if let sum = sums[sample.stack] {
                sums[sample.stack] = zip(sum, values).map { $0.saturatingAdd($1) }
            } else {
                sums[sample.stack] = values
                order.append(sample.stack)
            }
        }
        let sites = order.map { stack in
            let sum = sums[stack] ?? [0, 0, 0, 0]
            return AllocationSite(
                stack: stack, inuseSpace: sum[0], inuseObjects: sum[1], allocSpace: sum[2], allocObjects: sum[3])
        }
        return kind == .allocs
            ? sites.sorted { $0.allocSpace > $1.allocSpace } : sites.sorted { $0.inuseSpace > $1.inuseSpace }
    }
}
