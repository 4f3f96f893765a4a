/// What `leakkb diagnose` found: the groups of goroutines, most suspicious
/// first, each with the patterns it matches. The `--json` schema is this
/// type's encoding (README.md, "diagnose").
package struct DiagnosisReport: Sendable, Codable, Hashable {
    /// Bumped when a field changes meaning or goes away.
    package static let schemaVersion = 1

    package let input: String
    package let format: EvidenceFormat
    package let base: String?
    package let toolchain: String?
    package let goroutines: Int
    package let baseGoroutines: Int?
    /// Whether the input stopped inside a goroutine's header.
    package let truncated: Bool
    package var groups: [GroupReport]

    package var suspects: [GroupReport] { groups.filter(\.suspect) }

    private enum CodingKeys: String, CodingKey {
        case schema, input, format, base, toolchain, goroutines, baseGoroutines = "base_goroutines", truncated
        case suspects, groups
    }

    package init(
        input: String, format: EvidenceFormat, base: String?, toolchain: String?, goroutines: Int,
        baseGoroutines: Int?, truncated: Bool, groups: [GroupReport]
    ) {
        self.input = input
        self.format = format
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
        try container.encode(base, forKey: .base)
        try container.encode(toolchain, forKey: .toolchain)
        try container.encode(goroutines, forKey: .goroutines)
        try container.encode(baseGoroutines, forKey: .baseGoroutines)
        try container.encode(truncated, forKey: .truncated)
        try container.encode(suspects.count, forKey: .suspects)
        try container.encode(groups, forKey: .groups)
    }
}
