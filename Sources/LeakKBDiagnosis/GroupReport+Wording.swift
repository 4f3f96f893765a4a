/// How a report words a group and a figure, the same in every rendering
/// of it (the terminal, the HTML page and the paste page's report).
extension GroupReport {
    /// `chan send, 3 minutes, locked to thread`.
    package var waitDescription: String {
        var wait = state.isEmpty ? "state not shown" : state
        if waitMinutes > 0 { wait += ", \(waitMinutes) minute\(waitMinutes == 1 ? "" : "s")" }
        if lockedToThread { wait += ", locked to thread" }
        return wait
    }

    /// `+3 since the base`, in a diff.
    package var growthDescription: String? {
        growth.map { "\($0 >= 0 ? "+" : "")\($0) since the base" }
    }

    /// A heap group's memory: `4.0 MiB in 64 objects (+2.0 MiB since the base)`; nil for goroutines.
    package var memoryDescription: String? {
        guard let bytes else { return nil }
        var out = "\(ByteCount(bytes)) in \(DiagnosisReport.count(count, "object"))"
        if let growth = bytesGrowth { out += " (\(ByteCount(growth, signed: true)) since the base)" }
        return out
    }

    /// `12 goroutines [chan send, 3 minutes] (+3 since the base)  main.worker`, or for
    /// a heap group `4.0 MiB in 64 objects  allocated in main.fill under main.run`.
    package var headline: String {
        if let memoryDescription {
            var out = memoryDescription
            if let top = frames.first { out += "  allocated in \(top.function)" }
            if let user = userFrame, user != frames.first { out += " under \(user.function)" }
            return out
        }
        var out = "\(DiagnosisReport.count(count, "goroutine")) [\(waitDescription)]"
        if let growthDescription { out += " (\(growthDescription))" }
        if let top = userFrame ?? frames.first { out += "  \(top.function)" }
        return out
    }

    /// `as likely as first-response-wins: nothing in this evidence tells them apart`,
    /// for a match that shares its rank with others; nil for one that does not.
    package func tie(of match: PatternMatch) -> String? {
        let others = matches.filter { $0.rank == match.rank && $0.slug != match.slug }.map(\.slug)
        guard !others.isEmpty else { return nil }
        return "as likely as \(others.joined(separator: ", ")): nothing in this evidence tells them apart"
    }
}

extension DiagnosisReport {
    /// `1 goroutine`, `3 goroutines`.
    package static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    /// A score or suspicion with two decimals below 100, whole above.
    package static func figure(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        if value >= 100 { return String(Int(min(value, 1e18).rounded())) }
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
