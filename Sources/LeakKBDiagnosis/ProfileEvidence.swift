import LeakKBProfiles

/// A pprof profile as evidence. A goroutine profile's stacks with their
/// counts become groups like a `debug=1` profile's (the state read from the
/// parking function, as a profile records none), with runtime frames that
/// text dumps hide; a heap or allocs profile becomes its live memory by
/// allocation site. The evidence lines are the stacks as `go tool pprof
/// -traces` would list them, numbered in that listing.
package enum ProfileEvidence {
    /// The profile in `input`, with errors that name the input.
    static func profile(_ input: EvidenceInput) throws(EvidenceError) -> Profile {
        do {
            switch input {
            case .file(let path): return try ProfileReader().read(path: path)
            case .text(let bytes, let name): return try ProfileReader().decode(bytes, name: name)
            case .standardInput: return try ProfileReader().read(fileDescriptor: 0, name: input.name)
            case .live(let snapshots): return snapshots.second.goroutines
            }
        } catch {
            throw EvidenceError(input.name, String(error.description.dropFirst(input.name.count + 2)))
        }
    }

    /// The goroutines or the heap of the profile in `input`.
    static func read(_ input: EvidenceInput) throws(EvidenceError) -> Diagnosis.Evidence {
        let profile = try profile(input)
        if let stacks = profile.goroutineStacks { return .goroutines(snapshot(stacks)) }
        if let heap = HeapSnapshot(profile) { return .heap(heap) }
        let what = if case .other = profile.kind { "\(profile.kind)" } else { "\(profile.kind) profile" }
        throw EvidenceError(
            input.name,
            "is a \(what); diagnose reads goroutine or heap evidence: a goroutine, goroutineleak, "
                + "heap or allocs profile, a goroutine dump, a debug=1 profile or goleak output")
    }

    /// The groups of a goroutine profile's stacks.
    static func snapshot(_ stacks: [GoroutineStack]) -> Diagnosis.Snapshot {
        var table = GroupTable()
        var line = 0
        var goroutines = 0
        for stack in stacks where stack.count > 0 {
            line += 1
            let header = NumberedLine(line: line, text: "\(stack.count) goroutines")
            let (frames, text) = listing(stack.stack, after: &line)
            let count = Int(clamping: stack.count)
            goroutines += count
            var record = GoroutineRecord(
                id: nil, count: count, wait: WaitState(state: WaitState.inferred(from: frames.map(\.function))),
                labels: stack.labels.isEmpty ? nil : stack.labels.map { "\($0)" }.joined(separator: ", "),
                frames: frames, creator: nil, headerLine: header.line)
            record.text = [header] + text
            table.add(record)
        }
        return Diagnosis.Snapshot(format: .goroutinePprof, table: table, goroutines: goroutines, truncated: false)
    }

    /// A stack's frames numbered from the line after `line`, which ends on the last.
    static func listing(
        _ stack: [StackFrame], after line: inout Int
    ) -> (frames: [StackFrame], text: [NumberedLine]) {
        var frames: [StackFrame] = []
        var text: [NumberedLine] = []
        for frame in stack {
            line += 1
            frames.append(StackFrame(function: frame.function, file: frame.file, line: frame.line, inputLine: line))
            text.append(NumberedLine(line: line, text: "    " + frame.description))
        }
        return (frames, text)
    }
}

extension EvidenceInput {
    /// Whether the input's first bytes are a pprof profile's (gzip or a
    /// protocol buffer). Standard input cannot be looked at twice, so it is
    /// read as a profile only with `--format goroutine-pprof` or `heap-pprof`.
    package var startsLikeAProfile: Bool {
        switch self {
        case .text(let bytes, _): return ProfileReader.recognizes(prefix: Array(bytes.prefix(16)))
        case .standardInput, .live: return false
        case .file(let path):
            guard let prefix = FilePrefix.read(path, count: 16) else { return false }
            return ProfileReader.recognizes(prefix: prefix)
        }
    }
}
