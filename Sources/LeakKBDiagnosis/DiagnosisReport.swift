/// What `leakkb diagnose` found: the groups of goroutines (and allocation
/// sites, for heap evidence), most suspicious first, each with the patterns it matches. The `--json` schema is this
/// type's encoding (README.md, "diagnose").
package struct DiagnosisReport: Sendable, Codable, Hashable {
    /// Bumped when a field changes meaning or goes away.
    package static let schemaVersion = 1

    package let input: String
    package let format: EvidenceFormat
    /// What the groups count: goroutines, heap allocation sites, or both (a live service).
    package let evidence: [EvidenceKind]
    package let base: String?
    package let toolchain: String?
    package let goroutines: Int
    package let baseGoroutines: Int?
    /// Live bytes in the heap profile (and its base); nil without heap evidence.
    package let heapBytes: Int64?
    package let baseHeapBytes: Int64?
    /// Whether the input stopped inside a goroutine's header.
    package let truncated: Bool
    package var groups: [GroupReport]

    package var suspects: [GroupReport] { groups.filter(\.suspect) }

    private enum CodingKeys: String, CodingKey {
        case schema, input, format, evidence, base, toolchain, goroutines, baseGoroutines = "base_goroutines"
        case heapBytes = "heap_bytes", baseHeapBytes = "base_heap_bytes", truncated
        case suspects, groups
    }

    package init(
        input: String, format: EvidenceFormat, base: String?, toolchain: String?, goroutines: Int,
        baseGoroutines: Int?, truncated: Bool, groups: [GroupReport], evidence: [EvidenceKind] = [.goroutines],
        heapBytes: Int64? = nil, baseHeapBytes: Int64? = nil
    ) {
        self.input = input
        self.format = format
        self.evidence = evidence
        self.heapBytes = heapBytes
        self.baseHeapBytes = baseHeapBytes
        self.base = base
        self.toolchain = toolchain
        self.goroutines = goroutines
        self.baseGoroutines = baseGoroutines
        self.truncated = truncated
        self.groups = groups
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        input = try container.decode(String.self, forKey: .input)
        format = try container.decode(EvidenceFormat.self, forKey: .format)
        evidence = try container.decodeIfPresent([EvidenceKind].self, forKey: .evidence) ?? [.goroutines]
        heapBytes = try container.decodeIfPresent(Int64.self, forKey: .heapBytes)
        baseHeapBytes = try container.decodeIfPresent(Int64.self, forKey: .baseHeapBytes)
        base = try container.decodeIfPresent(String.self, forKey: .base)
        toolchain = try container.decodeIfPresent(String.self, forKey: .toolchain)
        goroutines = try container.decode(Int.self, forKey: .goroutines)
        baseGoroutines = try container.decodeIfPresent(Int.self, forKey: .baseGoroutines)
        truncated = try container.decode(Bool.self, forKey: .truncated)
        groups = try container.decode([GroupReport].self, forKey: .groups)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schema)
        try container.encode(input, forKey: .input)
        try container.encode(format, forKey: .format)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(base, forKey: .base)
        try container.encode(toolchain, forKey: .toolchain)
        try container.encode(goroutines, forKey: .goroutines)
        try container.encode(baseGoroutines, forKey: .baseGoroutines)
        try container.encode(heapBytes, forKey: .heapBytes)
        try container.encode(baseHeapBytes, forKey: .baseHeapBytes)
        try container.encode(truncated, forKey: .truncated)
        try container.encode(suspects.count, forKey: .suspects)
        try container.encode(groups, forKey: .groups)
    }
}
