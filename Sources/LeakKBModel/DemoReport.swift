import Foundation

/// The outcome of running a pattern's demo on one toolchain: figures, each
/// claim's verdict, and whether the claims tell leaky from fixed.
public struct DemoReport: Sendable, Codable {
    public let slug: String
    public let kind: Kind
    public let toolchain: GoVersion
    public let cached: Bool
    public let buildSeconds: Double
    public let startedAt: Date
    public let figures: DemoFigures
    public let claims: [ClaimResult]
    /// Set when the kind demands claims that fail with leaky and fixed
    /// swapped, and they did not: the claims would hold for either program.
    public let discriminationProblem: String?

    /// Checks the claims as the catalogue parsed them: none is read again
    /// here, so none can drop out between the article and the verdict.
    public init(
        pattern slug: String, kind: Kind, claims expectations: [Expectation], figures: DemoFigures,
        cached: Bool, buildSeconds: Double, startedAt: Date
    ) {
        self.slug = slug
        self.kind = kind
        self.toolchain = figures.toolchain
        self.cached = cached
        self.buildSeconds = buildSeconds
        self.startedAt = startedAt
        self.figures = figures
        claims = expectations.map { $0.evaluate(figures) }
        discriminationProblem = Self.discrimination(expectations, figures: figures, kind: kind)
    }

    /// True when no claim failed, at least one passed, and the swap test
    /// (where required) failed as it should. Claims about a variant that was
    /// not run (`--variant`) are shown as not measured, not as failures.
    public var passed: Bool {
        claims.allSatisfy { $0.status != .failed }
            && claims.contains { $0.status == .passed }
            && discriminationProblem == nil
    }

    package static func discrimination(_ expectations: [Expectation], figures: DemoFigures, kind: Kind) -> String? {
        guard kind.requiresDiscrimination, figures.leaky != nil, figures.fixed != nil else { return nil }
        let swapped = expectations.map { $0.evaluate(figures.swapped) }.filter { $0.status != .notApplicable }
        if swapped.isEmpty { return "no claim applies on \(figures.toolchain), so nothing tells leaky from fixed" }
        if swapped.allSatisfy({ $0.status == .passed }) {
            return "the claims also hold with leaky and fixed swapped, so they do not tell the leak from the fix"
        }
        return nil
    }
}
