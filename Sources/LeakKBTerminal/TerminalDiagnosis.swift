import LeakKBDiagnosis

/// A diagnosis for a terminal: the suspect groups first, each with its
/// likely patterns, why, the lines of evidence, the article's fix and the
/// command that shows it; then the other groups, one line each.
package struct TerminalDiagnosis: Sendable {
    package let style: TerminalStyle
    /// Groups without a suspect shown, one line each, before "… N more".
    package var otherGroups = 8
    /// Patterns shown in full per group; the rest are named.
    package var detailedMatches = 2

    package init(style: TerminalStyle) { self.style = style }

    package func render(_ report: DiagnosisReport) -> String {
        let suspects = report.suspects
        var out = style.bold("leakkb diagnose") + " · \(report.input)"
        if let base = report.base { out += " against \(base)" }
        out += " · \(report.format)"
        if report.evidence.contains(.goroutines) {
            let groups = report.groups.count { $0.evidence == .goroutines }
            out +=
                " · \(DiagnosisReport.count(report.goroutines, "goroutine")) in \(DiagnosisReport.count(groups, "group"))"
        }
        if let bytes = report.heapBytes {
            let sites = report.groups.count { $0.evidence == .heap }
            out += " · \(ByteCount(bytes)) live in \(DiagnosisReport.count(sites, "allocation site"))"
        }
        if let toolchain = report.toolchain { out += " · \(toolchain)" }
        out += "\n"
        if report.truncated { out += style.yellow("the input ends inside a goroutine header: it was cut off") + "\n" }
        if suspects.isEmpty {
            out += style.green("No suspects: no group matches a known pattern's signature")
            out += report.base == nil ? ".\n" : " and grew.\n"
        } else {
            out +=
                style.red("\(DiagnosisReport.count(suspects.count, "suspect group")) found")
                + ", most suspicious first.\n"
        }
        for (number, group) in suspects.enumerated() {
            out += "\n" + suspect(group, number: number + 1)
        }
        let others = report.groups.filter { !$0.suspect }
        if !others.isEmpty {
            out += "\n" + style.bold("Other groups") + "\n"
            for group in others.prefix(otherGroups) { out += "  " + group.headline + "\n" }
            if others.count > otherGroups { out += style.dim("  … \(others.count - otherGroups) more") + "\n" }
        }
        return out
    }

    private func suspect(_ group: GroupReport, number: Int) -> String {
        var out =
            style.bold("\(number). \(group.headline)")
            + style.dim("  suspicion \(DiagnosisReport.figure(group.suspicion))") + "\n"
        if let user = group.userFrame { out += "   your code: \(user.function)  \(style.dim(user.location))\n" }
        if let creator = group.createdBy {
            out += "   created by \(creator.function)  \(style.dim(creator.location))\n"
        }
        for match in group.matches.prefix(detailedMatches) {
            out +=
                "   " + style.cyan("likely \(match.slug)") + "  \(match.title)  "
                + style.dim("score \(DiagnosisReport.figure(match.score))")
            out += "\n"
            if let tie = group.tie(of: match) { out += style.dim("     \(tie)") + "\n" }
            for reason in match.reasons { out += "     · \(reason)\n" }
            for line in match.evidence { out += style.dim("     \(pad(line.line)) │ ") + line.text + "\n" }
            if let fix = match.fix { out += wrapped("fix: " + fix, indent: "     ") }
            out += "     " + style.bold(match.show) + "\n"
        }
        let rest = group.matches.dropFirst(detailedMatches)
        if !rest.isEmpty {
            out +=
                "   also: " + rest.map { "\($0.slug) (\(DiagnosisReport.figure($0.score)))" }.joined(separator: ", ")
                + "\n"
        }
        return out
    }

    private func wrapped(_ text: String, indent: String, width: Int = 100) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > width - indent.count {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { indent + $0 + "\n" }.joined()
    }

    private func pad(_ line: Int) -> String {
        let text = String(line)
        return String(repeating: " ", count: max(0, 5 - text.count)) + text
    }
}
