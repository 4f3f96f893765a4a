import LeakKBDiagnosis
import LeakKBModel

/// What `check --demos` asks of the diagnoses of the demos' evidence
/// (README.md, "check"): the leaky variant of a signed pattern names its
/// pattern first (sharing first place only with patterns its evidence cannot
/// tell apart from it), the fixed variant names its own
/// pattern at no score of `fixedCeiling` or more, and over the catalogue
/// the names given are right often enough (`minimumPrecision`) and every
/// signed leak is found (`minimumRecall`).
package struct EvidenceRules: Sendable, Hashable {
    /// How many of a case's names count as given, for precision and recall.
    package var top = 3
    /// The fixed variant's evidence may name its own pattern only below this score.
    package var fixedCeiling = SignatureMatcher.threshold
    package var minimumPrecision = 0.5
    package var minimumRecall = 1.0

    package init() {}

    /// The names a case gives: the first `top`.
    package func given(_ evidenceCase: EvidenceCase) -> ArraySlice<EvidenceCase.Name> {
        evidenceCase.names.prefix(top)
    }

    /// Why the case breaks a rule, naming the demo, or nil when it keeps them.
    package func failure(of evidenceCase: EvidenceCase) -> String? {
        guard evidenceCase.signed else { return nil }
        let slug = evidenceCase.pattern
        if let problem = evidenceCase.problem {
            return "\(slug): \(evidenceCase.label) could not be diagnosed: \(problem)"
        }
        switch evidenceCase.variant {
        case .leaky:
            if evidenceCase.names.contains(where: { $0.slug == slug && $0.first }) { return nil }
            let first = evidenceCase.names.filter(\.first).map(\.slug)
            let named = first.isEmpty ? "names no pattern" : "names " + first.joined(separator: ", ") + " first"
            return "\(slug): \(evidenceCase.label) \(named), not \(slug)"
        case .fixed:
            guard let own = evidenceCase.names.first(where: { $0.slug == slug }), own.score >= fixedCeiling else {
                return nil
            }
            return "\(slug): \(evidenceCase.label) names \(slug) (score \(Self.decimal(own.score)), "
                + "the fixed variant must stay below \(Self.decimal(fixedCeiling)))"
        }
    }

    /// `0.75`: two decimals, as the table prints ratios.
    package static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100).\(fraction.count < 2 ? "0" + fraction : fraction)"
    }
}
