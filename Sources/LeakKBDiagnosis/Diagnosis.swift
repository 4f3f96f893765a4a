import LeakKBModel

/// From evidence to suspects: reads the input (and a base snapshot to diff
/// against), groups its goroutines, scores every pattern's signatures
/// against every group and orders the groups by suspicion.
package enum Diagnosis {
    /// The groups of one input, read line by line.
    package struct Snapshot {
        package let format: EvidenceFormat
        package let table: GroupTable
        package let goroutines: Int
        package let truncated: Bool
    }

    package static func diagnose(
        _ input: EvidenceInput, base: EvidenceInput? = nil, format: EvidenceFormat? = nil,
        patterns: [SignedPattern], toolchain: GoVersion? = nil, minimumWeight: Double = GroupReport.defaultMinimumWeight
    ) throws(EvidenceError) -> DiagnosisReport {
        let snapshot = try read(input, format: format)
        let old = try base.map { (base) throws(EvidenceError) in try read(base, format: format) }
        let matcher = SignatureMatcher(patterns, toolchain: toolchain)
        let groups = snapshot.table.keyedGroups.map { key, group in
            GroupReport(
                group, baseCount: old.map { $0.table.count(of: key) }, matches: matcher.matches(for: group),
                minimumWeight: minimumWeight)
        }
        return DiagnosisReport(
            input: input.name, format: snapshot.format, base: base?.name, toolchain: toolchain?.description,
            goroutines: snapshot.goroutines, baseGoroutines: old?.goroutines, truncated: snapshot.truncated,
            groups: groups.sorted { lhs, rhs in
                // Ties go to the group the input shows first.
                (lhs.suspect ? 1 : 0, lhs.suspicion, lhs.growth ?? lhs.count, -(lhs.lines.first?.line ?? 0))
                    > (rhs.suspect ? 1 : 0, rhs.suspicion, rhs.growth ?? rhs.count, -(rhs.lines.first?.line ?? 0))
            })
    }

    /// Reads and groups one input.
    package static func read(_ input: EvidenceInput, format: EvidenceFormat?) throws(EvidenceError) -> Snapshot {
        if format == .goroutinePprof || (format == nil && input.startsLikeAProfile) {
            return try ProfileEvidence.read(input)
        }
        return try input.withLines { (reader: inout LineReader) throws(EvidenceError) -> Snapshot in
            var parser = GoroutineTextParser(name: input.name, format: format)
            var table = GroupTable()
            try parser.read(&reader) { table.add($0) }
            return Snapshot(
                format: parser.format ?? .goroutineDump, table: table, goroutines: parser.goroutines,
                truncated: parser.truncated)
        }
    }
}
