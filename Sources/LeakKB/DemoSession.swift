import Foundation
import LeakKBDemos
import LeakKBIndex
import LeakKBModel

/// Builds and runs one pattern's demo on one toolchain, checks the claims
/// and records the run in the index: what `leakkb demo` and `check --demos` do.
public struct DemoSession: Sendable {
    public let index: Index
    public let toolchain: Toolchain
    public var runner = DemoRunner()
    /// The languages demos may be written in, keyed by the article's `language:`.
    public var languages = DemoLanguages.supported
    /// Receives progress lines ("building nil-map with go1.27.3…").
    public var progress: @Sendable (String) -> Void = { _ in }

    public init(index: Index, toolchain: Toolchain) {
        self.index = index
        self.toolchain = toolchain
    }

    public func run(
        _ slug: String, variants: [Variant] = Variant.allCases,
        scale: Int? = nil
    ) async throws -> DemoReport {
        guard let detail = try index.pattern(slug) else {
            throw KnowledgeBaseError.unknownPattern(slug, suggestion: try index.suggestion(for: slug))
        }
        let meta = detail.metadata
        guard let demo = meta.demo else { throw DemoError.noDemo(slug: slug) }
        let language = try languages.language(named: meta.language, for: slug)
        guard toolchain.language == language.name else {
            throw DemoError.toolchainMismatch(
                slug: slug, language: language.name,
                toolchain: "\(toolchain.version) at \(toolchain.executable)",
                builds: toolchain.language)
        }
        let builder = DemoBuilder(root: index.root, language: language, toolchain: toolchain)
        progress("building \(demo) with \(toolchain.version)…")
        let build = try await builder.build(demo)
        progress(
            build.cached ? "using cached build of \(demo)" : "built \(demo) in \(Quantity.oneDecimal(build.seconds)) s")
        let command = language.command(running: build.binary, memoryLimitMiB: runner.memoryLimitMiB)
        let startedAt = Date()
        var figures = DemoFigures(toolchain: toolchain.version, leaky: nil, fixed: nil)
        for variant in variants {
            progress("running \(demo) -variant \(variant.rawValue)…")
            // The report quotes the demo's output; the machine's paths stay out of it.
            let run = try await runner.run(command, slug: slug, variant: variant, scale: scale)
                .relativizingPaths(under: index.root)
            if variant == .leaky { figures.leaky = run } else { figures.fixed = run }
        }
        let report = DemoReport(
            pattern: slug, kind: meta.kind, claims: meta.claims, observations: meta.observations,
            figures: figures, cached: build.cached, buildSeconds: build.seconds, startedAt: startedAt)
        try index.record(report)
        return report
    }
}
