import LeakKBProfiles

/// A pprof goroutine profile as evidence: each stack with its count becomes
/// a group like a `debug=1` profile's (the state read from the parking
/// function, as a profile records none), with runtime frames that text
/// dumps hide. The evidence lines are the stacks as `go tool pprof -traces`
/// would list them, numbered in that listing.
package enum ProfileEvidence {
    package static func read(_ input: EvidenceInput) throws(EvidenceError) -> Diagnosis.Snapshot {
        let profile: Profile
        do {
            switch input {
            case .file(let path): profile = try ProfileReader().read(path: path)
            case .text(let bytes, let name): profile = try ProfileReader().decode(bytes, name: name)
            case .standardInput: profile = try ProfileReader().read(fileDescriptor: 0, name: input.name)
            }
        } catch {
            throw EvidenceError(input.name, String(error.description.dropFirst(input.name.count + 2)))
        }
        guard let stacks = profile.goroutineStacks else {
            throw EvidenceError(
                input.name,
                "is a \(profile.kind) profile; diagnose reads goroutine evidence: a goroutine or goroutineleak "
                    + "profile, a goroutine dump, a debug=1 profile or goleak output")
        }
        var table = GroupTable()
        var line = 0
        var goroutines = 0
        for stack in stacks where stack.count > 0 {
            line += 1
            let header = NumberedLine(line: line, text: "\(stack.count) goroutines")
            var frames: [Frame] = []
            var text = [header]
            for frame in stack.stack {
                line += 1
                let location = frame.file.isEmpty ? "" : "\(frame.file):\(frame.line)"
                frames.append(Frame(function: frame.function, location: location, line: line))
                text.append(NumberedLine(line: line, text: "    " + frame.description))
            }
            let count = Int(clamping: stack.count)
            goroutines += count
            var record = GoroutineRecord(
                id: nil, count: count, wait: WaitState(state: WaitState.inferred(from: frames.map(\.function))),
                labels: stack.labels.isEmpty ? nil : stack.labels.map { "\($0)" }.joined(separator: ", "),
                frames: frames, creator: nil, headerLine: header.line)
            record.text = text
            table.add(record)
        }
        return Diagnosis.Snapshot(format: .goroutinePprof, table: table, goroutines: goroutines, truncated: false)
    }
}

extension EvidenceInput {
    /// Whether the input's first bytes are a pprof profile's (gzip or a
    /// protocol buffer). Standard input cannot be looked at twice, so it is
    /// read as a profile only with `--format goroutine-pprof`.
    package var startsLikeAProfile: Bool {
        switch self {
        case .text(let bytes, _): return ProfileReader.recognizes(prefix: Array(bytes.prefix(16)))
        case .standardInput: return false
        case .file(let path):
            guard let prefix = FilePrefix.read(path, count: 16) else { return false }
            return ProfileReader.recognizes(prefix: prefix)
        }
    }
}
