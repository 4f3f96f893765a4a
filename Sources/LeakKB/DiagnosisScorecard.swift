/// How well `diagnose` names the catalogue's patterns from their demos'
/// evidence, per toolchain. A name given (one of a case's first
/// `EvidenceRules.top`) is a true positive when it is the demo's own pattern
/// in its leaky variant's evidence, and a false positive otherwise (another
/// pattern, or any in the fixed variant's); a signed pattern's leaky evidence
/// that does not name it is a false negative. Precision is TP / (TP + FP),
/// recall TP / (TP + FN).
package struct DiagnosisScorecard: Sendable {
    /// One toolchain's counts.
    package struct Row: Sendable, Hashable {
        package let toolchain: String
        package var truePositives = 0
        package var falsePositives = 0
        package var falseNegatives = 0
        /// Patterns none of whose evidence on this toolchain its signatures could show.
        package var unsigned: [String] = []
        /// `slug: leaky goroutine.pb.gz on go1.27.3 names x, y`: each case that gave a false positive.
        package var wrongNames: [String] = []

        /// nil when no name was given.
        package var precision: Double? {
            let given = truePositives + falsePositives
            return given == 0 ? nil : Double(truePositives) / Double(given)
        }

        /// nil when no signed leak was diagnosed.
        package var recall: Double? {
            let leaks = truePositives + falseNegatives
            return leaks == 0 ? nil : Double(truePositives) / Double(leaks)
        }
    }

    package let rules: EvidenceRules
    package private(set) var rows: [Row] = []
    /// Every broken rule, each naming its demo: the cases' first, then the thresholds'.
    package private(set) var failures: [String] = []

    package init(_ cases: [EvidenceCase], rules: EvidenceRules = EvidenceRules()) {
        self.rules = rules
        var toolchains: [String] = []
        var byToolchain: [String: [EvidenceCase]] = [:]
        for evidenceCase in cases {
            if byToolchain[evidenceCase.toolchain] == nil { toolchains.append(evidenceCase.toolchain) }
            byToolchain[evidenceCase.toolchain, default: []].append(evidenceCase)
        }
        failures = cases.compactMap(rules.failure(of:))
        for toolchain in toolchains {
            let row = Self.row(toolchain, byToolchain[toolchain] ?? [], rules: rules)
            rows.append(row)
            failures += thresholdFailures(row)
        }
    }

    /// Whether every rule and threshold holds.
    package var passed: Bool { failures.isEmpty }

    private static func row(_ toolchain: String, _ cases: [EvidenceCase], rules: EvidenceRules) -> Row {
        var row = Row(toolchain: toolchain)
        var signed: Set<String> = []
        var patterns: [String] = []
        for evidenceCase in cases {
            if !patterns.contains(evidenceCase.pattern) { patterns.append(evidenceCase.pattern) }
            if evidenceCase.signed { signed.insert(evidenceCase.pattern) }
            var found = false
            var wrong: [String] = []
            for name in rules.given(evidenceCase) {
                if evidenceCase.variant == .leaky && name.slug == evidenceCase.pattern {
                    row.truePositives += 1
                    found = true
                } else {
                    row.falsePositives += 1
                    wrong.append(name.slug)
                }
            }
            if !wrong.isEmpty {
                row.wrongNames.append(
                    "\(evidenceCase.pattern): \(evidenceCase.label) names \(wrong.joined(separator: ", "))")
            }
            if evidenceCase.signed && evidenceCase.variant == .leaky && !found { row.falseNegatives += 1 }
        }
        row.unsigned = patterns.filter { !signed.contains($0) }
        return row
    }

    private func thresholdFailures(_ row: Row) -> [String] {
        var failures: [String] = []
        if let precision = row.precision, precision < rules.minimumPrecision {
            failures.append(
                "precision \(EvidenceRules.decimal(precision)) on \(row.toolchain) is below "
                    + "\(EvidenceRules.decimal(rules.minimumPrecision)) (the wrong names are listed above)")
        }
        if let recall = row.recall, recall < rules.minimumRecall {
            failures.append(
                "recall \(EvidenceRules.decimal(recall)) on \(row.toolchain) is below "
                    + "\(EvidenceRules.decimal(rules.minimumRecall)) (the misses are listed above)")
        }
        return failures
    }
}
