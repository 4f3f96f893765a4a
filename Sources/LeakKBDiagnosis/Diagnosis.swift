import LeakKBModel
import LeakKBProfiles

/// From evidence to suspects: reads the input (and a base snapshot to diff
/// against), groups its goroutines or its heap's allocation sites, scores
/// every pattern's signatures against every group and orders the groups by
/// suspicion.
package enum Diagnosis {
    /// The groups of one input, read line by line.
    package struct Snapshot {
        package let format: EvidenceFormat
        package let table: GroupTable
        package let goroutines: Int
        package let truncated: Bool
    }

    /// One input read: its goroutines grouped, or its live memory by allocation site.
    package enum Evidence {
        case goroutines(Snapshot)
        case heap(HeapSnapshot)

        var kind: EvidenceKind {
            switch self {
            case .goroutines: .goroutines
            case .heap: .heap
            }
        }
    }

    package static func diagnose(
        _ input: EvidenceInput, base: EvidenceInput? = nil, format: EvidenceFormat? = nil,
        patterns: [SignedPattern], toolchain: GoVersion? = nil,
        minimumWeight: Double = GroupReport.defaultMinimumWeight,
        minimumBytes: Int64 = HeapSnapshot.defaultMinimumBytes
    ) throws(EvidenceError) -> DiagnosisReport {
        let matcher = SignatureMatcher(patterns, toolchain: toolchain)
        if case .live(let snapshots) = input {
            return try live(snapshots, matcher: matcher, minimumWeight: minimumWeight, minimumBytes: minimumBytes)
        }
        let evidence = try readEvidence(input, format: format)
        let old = try base.map { (base) throws(EvidenceError) in try readEvidence(base, format: format) }
        switch (evidence, old) {
        case (.goroutines(let snapshot), nil):
            return report(input.name, goroutines: snapshot, base: nil, matcher: matcher, minimumWeight: minimumWeight)
        case (.goroutines(let snapshot), .goroutines(let older)?):
            return report(
                input.name, goroutines: snapshot, base: (base?.name ?? "", older), matcher: matcher,
                minimumWeight: minimumWeight)
        case (.heap(let heap), nil):
            return report(input.name, heap: heap, base: nil, matcher: matcher, minimumBytes: minimumBytes)
        case (.heap(let heap), .heap(let older)?):
            return report(
                input.name, heap: heap, base: (base?.name ?? "", older), matcher: matcher, minimumBytes: minimumBytes)
        case (_, let older?):
            throw EvidenceError(
                base?.name ?? "",
                "is \(older.kind) evidence but \(input.name) is \(evidence.kind) evidence; "
                    + "--base takes an earlier snapshot of the same kind")
        }
    }

    /// Reads and groups one input of goroutine evidence.
    package static func read(_ input: EvidenceInput, format: EvidenceFormat?) throws(EvidenceError) -> Snapshot {
        switch try readEvidence(input, format: format) {
        case .goroutines(let snapshot): return snapshot
        case .heap:
            throw EvidenceError(input.name, "is a heap profile; goroutine evidence was expected here")
        }
    }

    /// Reads one input: a profile by its bytes (or `--format`), else text line by line.
    package static func readEvidence(_ input: EvidenceInput, format: EvidenceFormat?) throws(EvidenceError) -> Evidence
    {
        if format == .goroutinePprof || format == .heapPprof || (format == nil && input.startsLikeAProfile) {
            return try ProfileEvidence.read(input)
        }
        return try input.withLines { (reader: inout LineReader) throws(EvidenceError) -> Evidence in
            var parser = GoroutineTextParser(name: input.name, format: format)
            var table = GroupTable()
            try parser.read(&reader) { table.add($0) }
            return .goroutines(
                Snapshot(
                    format: parser.format ?? .goroutineDump, table: table, goroutines: parser.goroutines,
                    truncated: parser.truncated))
        }
    }

    /// A live service: the goroutine groups that grew between its two dumps
    /// and the allocation sites whose live memory grew between its two heap profiles.
    private static func live(
        _ snapshots: LiveSnapshots, matcher: SignatureMatcher, minimumWeight: Double, minimumBytes: Int64
    ) throws(EvidenceError) -> DiagnosisReport {
        let name = snapshots.index.absoluteString
        let baseName = "\(name) (\(snapshots.interval) earlier)"
        let first = try read(.text(snapshots.first.goroutineDump, name: baseName), format: .goroutineDump)
        let second = try read(.text(snapshots.second.goroutineDump, name: name), format: .goroutineDump)
        let goroutines = report(
            name, goroutines: second, base: (baseName, first), matcher: matcher,
            minimumWeight: minimumWeight)
        guard let heapBefore = HeapSnapshot(snapshots.first.heap), let heapAfter = HeapSnapshot(snapshots.second.heap)
        else { throw EvidenceError(name, "its heap endpoint answered a profile of another kind") }
        let heap = report(
            name, heap: heapAfter, base: (baseName, heapBefore), matcher: matcher,
            minimumBytes: minimumBytes)
        return DiagnosisReport(
            input: name, format: .goroutineDump, base: baseName, toolchain: matcher.toolchain?.description,
            goroutines: goroutines.goroutines, baseGoroutines: goroutines.baseGoroutines, truncated: false,
            groups: ranked(goroutines.groups + heap.groups), evidence: [.goroutines, .heap],
            heapBytes: heap.heapBytes, baseHeapBytes: heap.baseHeapBytes)
    }

    private static func report(
        _ name: String, goroutines snapshot: Snapshot, base: (name: String, snapshot: Snapshot)?,
        matcher: SignatureMatcher, minimumWeight: Double
    ) -> DiagnosisReport {
        let groups = snapshot.table.keyedGroups.map { key, group in
            GroupReport(
                group, baseCount: base.map { $0.snapshot.table.count(of: key) }, matches: matcher.matches(for: group),
                minimumWeight: minimumWeight)
        }
        return DiagnosisReport(
            input: name, format: snapshot.format, base: base?.name, toolchain: matcher.toolchain?.description,
            goroutines: snapshot.goroutines, baseGoroutines: base?.snapshot.goroutines, truncated: snapshot.truncated,
            groups: ranked(groups))
    }

    /// Each allocation site of `heap` that holds live memory, listed as
    /// `go tool pprof -traces` would (a header, then the stack) and numbered
    /// in that listing, with its growth against the base.
    private static func report(
        _ name: String, heap: HeapSnapshot, base: (name: String, heap: HeapSnapshot)?, matcher: SignatureMatcher,
        minimumBytes: Int64
    ) -> DiagnosisReport {
        let older = base.map { base in
            Dictionary(base.heap.sites.map { ($0.stack, ($0.bytes, $0.objects)) }, uniquingKeysWith: { $1 })
        }
        var line = 0
        let groups = heap.sites.map { site in
            let before = older.map { $0[site.stack] ?? (0, 0) }
            line += 1
            var header = "\(ByteCount(site.bytes)) in \(site.objects) object\(site.objects == 1 ? "" : "s")"
            if let before {
                header += " (\(ByteCount(site.bytes.saturatingSubtract(before.0), signed: true)) since the base)"
            }
            let headerLine = NumberedLine(line: line, text: header)
            let (frames, text) = ProfileEvidence.listing(site.stack, after: &line)
            let lines = [headerLine] + text
            return GroupReport(
                allocation: frames, bytes: site.bytes, objects: site.objects, base: before.map { ($0.0, $0.1) },
                matches: matcher.matches(allocation: frames, lines: lines), lines: lines, minimumBytes: minimumBytes)
        }
        return DiagnosisReport(
            input: name, format: .heapPprof, base: base?.name, toolchain: matcher.toolchain?.description,
            goroutines: 0, baseGoroutines: nil, truncated: false, groups: ranked(groups), evidence: [.heap],
            heapBytes: heap.bytes, baseHeapBytes: base?.heap.bytes)
    }

    /// Suspects first, the most suspicious first; then the largest (grown
    /// most, in a diff); ties go to the group the input shows first.
    private static func ranked(_ groups: [GroupReport]) -> [GroupReport] {
        groups.sorted { lhs, rhs in
            (lhs.suspect ? 1 : 0, lhs.suspicion, lhs.size, -(lhs.lines.first?.line ?? 0))
                > (rhs.suspect ? 1 : 0, rhs.suspicion, rhs.size, -(rhs.lines.first?.line ?? 0))
        }
    }
}

extension GroupReport {
    /// What orders groups of equal suspicion: goroutines (grown), or live bytes (grown).
    fileprivate var size: Int64 {
        switch evidence {
        case .goroutines: Int64(growth ?? count)
        case .heap: bytesGrowth ?? bytes ?? 0
        }
    }
}
