import LeakKBDiagnosis
import LeakKBModel

/// What `diagnose` made of one evidence file of one demo variant: the
/// patterns its suspects name, in the report's order.
package struct EvidenceCase: Sendable, Hashable {
    /// A pattern a suspect names, with the best score any suspect gave it.
    package struct Name: Sendable, Hashable {
        package let slug: String
        package let score: Double
        /// Whether the report names it first: the best match of the most
        /// suspicious group that names any, or as likely as that one.
        package let first: Bool

        package init(slug: String, score: Double, first: Bool = false) {
            self.slug = slug
            self.score = score
            self.first = first
        }
    }

    /// The demo's own pattern.
    package let pattern: String
    package let toolchain: String
    package let variant: Variant
    /// The file's name after the variant prefix: `goroutine-debug2.txt`.
    package let file: String
    /// Whether the pattern has signatures that this file's kind of evidence can show on this toolchain.
    package let signed: Bool
    /// Each pattern the suspects name once, most suspicious group first, a group's best match first.
    package let names: [Name]
    /// Why the file could not be diagnosed (missing, unreadable), or nil.
    package let problem: String?

    package init(
        pattern: String, toolchain: String, variant: Variant, file: String, signed: Bool, names: [Name],
        problem: String? = nil
    ) {
        self.pattern = pattern
        self.toolchain = toolchain
        self.variant = variant
        self.file = file
        self.signed = signed
        self.names = names
        self.problem = problem
    }

    /// The names a report's suspects give.
    package static func names(in report: DiagnosisReport) -> [Name] {
        var order: [String] = []
        var best: [String: Double] = [:]
        let leading = report.suspects.first { !$0.matches.isEmpty }
        let first = Set(leading?.matches.filter { $0.rank == 1 }.map(\.slug) ?? [])
        for group in report.suspects {
            for match in group.matches {
                if let score = best[match.slug] {
                    best[match.slug] = max(score, match.score)
                } else {
                    order.append(match.slug)
                    best[match.slug] = match.score
                }
            }
        }
        return order.map { Name(slug: $0, score: best[$0] ?? 0, first: first.contains($0)) }
    }

    /// `leaky goroutine-debug2.txt on go1.27.3`.
    package var label: String { "\(variant) \(file) on \(toolchain)" }
}
