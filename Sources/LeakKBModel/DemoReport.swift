import Foundation

/// The outcome of running a pattern's demo on one toolchain: figures, each
/// claim's verdict, and whether the claims tell leaky from fixed.
package struct DemoReport: Sendable, Codable {
    package let slug: String
    package let kind: Kind
    package let toolchain: GoVersion
    package let cached: Bool
    package let buildSeconds: Double
    package let startedAt: Date
    package let figures: DemoFigures
    /// The claims' verdicts, then the observations'.
    package let claims: [ClaimResult]
    /// Set when the kind needs a claim that tells leaky from fixed on this
    /// toolchain and none applies.
    package let discriminationProblem: String?

    /// Checks the claims as the catalogue parsed them: none is read again
    /// here, so none can drop out between the article and the verdict.
    package init(
        pattern slug: String, kind: Kind, claims: [Claim], observations: [Claim] = [], figures: DemoFigures,
        cached: Bool, buildSeconds: Double, startedAt: Date
    ) {
        self.slug = slug
        self.kind = kind
        self.toolchain = figures.toolchain
        self.cached = cached
        self.buildSeconds = buildSeconds
        self.startedAt = startedAt
        self.figures = figures
        self.claims =
            claims.map { $0.evaluate(figures).with(role: .claim, swapProblem: $0.swapProblem(figures)) }
            + observations.map { $0.evaluate(figures).with(role: .observation, swapProblem: nil) }
        discriminationProblem = Self.discrimination(claims, figures: figures, kind: kind)
    }

    /// True when no claim or observation failed, every claim tells leaky
    /// from fixed, and one passed (a claim, for kinds that need one). Claims about a variant that was
    /// not run (`--variant`) are shown as not measured, not as failures.
    package var passed: Bool {
        claims.allSatisfy(\.isSound) && discriminationProblem == nil
            && claims.contains { $0.status == .passed && ($0.role == .claim || !kind.requiresDiscrimination) }
    }

    package static func discrimination(_ claims: [Claim], figures: DemoFigures, kind: Kind) -> String? {
        guard kind.requiresDiscrimination, figures.leaky != nil, figures.fixed != nil else { return nil }
        guard claims.contains(where: { $0.applies(on: figures.toolchain) }) else {
            return "no claim applies on \(figures.toolchain), so nothing tells leaky from fixed"
        }
        return nil
    }
}

extension Claim {
    /// Why this claim does not tell leaky from fixed in these figures, or
    /// nil when it does (or when only one variant ran, so it cannot be told).
    package func swapProblem(_ figures: DemoFigures) -> String? {
        guard applies(on: figures.toolchain), figures.leaky != nil, figures.fixed != nil else { return nil }
        for reference in references {
            guard let reader = figures.run(reference.variant), let other = figures.run(reference.variant.other),
                reader.value(reference.phase, reference.metric) != nil,
                other.value(reference.phase, reference.metric) == nil, other.panic == nil
            else { continue }
            return "reads \(reference.metric), which only \(reference.variant) prints, so it cannot be swapped"
        }
        let swapped = evaluate(figures.swapped)
        guard swapped.status == .passed else { return nil }
        return "also holds with leaky and fixed swapped (\(swapped.detail)), so it does not tell the leak from the fix"
    }
}
