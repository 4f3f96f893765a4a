/// Which of Go's profiles a profile is, told by its sample types (the file
/// name is not needed, nor trusted).
package enum ProfileKind: Hashable, Sendable, CustomStringConvertible {
    /// `goroutine`: every goroutine's stack, counted per stack.
    case goroutine
    /// `goroutineleak` (Go 1.26 with the experiment, built in later): goroutines blocked on
    /// something no running goroutine can reach.
    case goroutineLeak
    /// `heap`: live memory by allocation site, as of the last garbage collection.
    case heap
    /// `allocs`: the same figures as `heap`, shown by default as everything allocated.
    case allocs
    /// Any other profile (CPU, block, mutex, threadcreate…), named by its sample types.
    case other(String)

    package var description: String {
        switch self {
        case .goroutine: "goroutine"
        case .goroutineLeak: "goroutineleak"
        case .heap: "heap"
        case .allocs: "allocs"
        case .other(let types): "profile of \(types)"
        }
    }

    /// The kind of a profile with these sample types and default sample type.
    static func of(_ types: [SampleType], defaultType: String?) -> ProfileKind {
        let names = types.map(\.type)
        if names == ["goroutine"] { return .goroutine }
        if names == ["goroutineleak"] { return .goroutineLeak }
        if Set(names) == Set(HeapValues.allCases.map(\.rawValue)) && names.count == HeapValues.allCases.count {
            // runtime/pprof writes the same four values for both; only allocs names a default.
            return defaultType == HeapValues.allocSpace.rawValue ? .allocs : .heap
        }
        return .other(types.map(\.description).joined(separator: ", "))
    }
}
