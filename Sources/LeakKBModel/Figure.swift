/// One figure a demo prints (`heap_inuse`, `vm_rss_kib`, a demo's own
/// `peak_extra_fds`): its name as claims write it, the unit its values are
/// recorded in, and a label for people. The one list of figures that every
/// face names, orders and formats them by.
package struct Figure: Sendable, Hashable {
    /// What a recorded value counts.
    package enum Unit: Sendable, Hashable {
        /// Bytes, shown as B…PiB.
        case bytes
        /// KiB as /proc reports them, shown as bytes (so `4480` reads `4.4 MiB`).
        case kibibytes
        /// Anything counted or measured in the unit its name ends in (`_ns`, `_pct`).
        case count
    }

    package let name: String
    package let unit: Unit
    package let label: String

    package init(_ name: String, _ unit: Unit, _ label: String) {
        self.name = name
        self.unit = unit
        self.label = label
    }

    /// The figures of the protocol (Demos/PROTOCOL.md), most telling first.
    package static let known: [Figure] = [
        Figure("heap_inuse", .bytes, "heap in use"),
        Figure("heap_objects", .count, "live heap objects"),
        Figure("goroutines", .count, "goroutines"),
        Figure("open_fds", .count, "open file descriptors"),
        Figure("total_alloc", .bytes, "allocated in total"),
        Figure("vm_rss_kib", .kibibytes, "resident memory (VmRSS)"),
        Figure("vm_hwm_kib", .kibibytes, "peak resident memory (VmHWM)"),
        Figure("leaked_goroutines", .count, "leaked goroutines (runtime profile)"),
        Figure("heap_alloc", .bytes, "heap allocated"),
        Figure("stack_inuse", .bytes, "stacks in use"),
        Figure("sys", .bytes, "memory from the OS"),
        Figure("mallocs", .count, "allocations so far"),
        Figure("frees", .count, "frees so far"),
    ]

    /// The figures a table shows when no claim names them.
    package static let table = [
        "heap_inuse", "heap_objects", "total_alloc", "goroutines", "vm_rss_kib", "vm_hwm_kib", "open_fds",
    ]

    /// The figures a chart shows when no claim names them.
    package static let chart = ["heap_inuse", "heap_objects", "goroutines", "open_fds"]

    private static let byName = Dictionary(known.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Suffixes of a demo's own figures that name their unit, and how a label says it.
    private static let unitSuffixes: [(suffix: String, label: String)] = [
        ("_ns", "ns"), ("_us", "µs"), ("_ms", "ms"), ("_pct", "%"),
    ]

    /// The figure called `name`: one of `known`, or a demo's own, whose
    /// unit and label come from its name (`peak_extra_fds` → "peak extra
    /// fds"; `lookup_ns` → "lookup (ns)"; `scrape_bytes` is bytes).
    package static func named(_ name: String) -> Figure {
        if let known = byName[name] { return known }
        if name.hasSuffix("_kib") { return Figure(name, .kibibytes, words(name.dropLast(4))) }
        if name.hasSuffix("_bytes") { return Figure(name, .bytes, words(name.dropLast(6))) }
        for (suffix, unit) in unitSuffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            return Figure(name, .count, "\(words(name.dropLast(suffix.count))) (\(unit))")
        }
        return Figure(name, .count, words(Substring(name)))
    }

    private static func words(_ name: Substring) -> String {
        let text = name.split(separator: "_").joined(separator: " ")
        return text.isEmpty ? String(name) : text
    }

    /// A value of this figure in human units (`160.0 MiB`, `600289`).
    package func format(_ value: Double) -> String {
        switch unit {
        case .bytes: Quantity.bytes(value)
        case .kibibytes: Quantity.bytes(value * 1024)
        case .count: Quantity.number(value)
        }
    }

    /// What the recorded number counts, when the shown value is in another
    /// unit: `vm_rss_kib` is recorded in KiB and shown as MiB.
    package var recordedUnitNote: String? {
        unit == .kibibytes ? "recorded in KiB" : nil
    }

    /// The figures to show for a pattern: those its claims read, in the
    /// order the claims name them, then those its observations read, then
    /// `defaults`; only figures some run recorded (`recorded`), each once.
    package static func shown(
        claims: [Claim], observations: [Claim], defaults: [String], recorded: Set<String>
    ) -> [Figure] {
        var seen: Set<String> = []
        var names: [String] = []
        for name in claims.flatMap(\.references).map(\.metric) + observations.flatMap(\.references).map(\.metric)
            + defaults
        where recorded.contains(name) && seen.insert(name).inserted {
            names.append(name)
        }
        return names.map(named)
    }
}
