import Foundation
import LeakKBDemos
import LeakKBIndex
import LeakKBModel
import LeakKBSystem

/// Builds and runs one pattern's demo on one toolchain, checks the claims
/// and records the run in the index: what `leakkb demo` and `check --demos` do.
package struct DemoSession: Sendable {
    package let index: Index
    package let toolchain: Toolchain
    package var runner = DemoRunner()
    /// The languages demos may be written in, keyed by the article's `language:`.
    package var languages = DemoLanguages.supported
    /// Receives progress lines ("building nil-map with go1.27.3…").
    package var progress: @Sendable (String) -> Void = { _ in }

    package init(index: Index, toolchain: Toolchain) {
        self.index = index
        self.toolchain = toolchain
    }

    /// Runs the demo's `variants`. With `evidence`, each variant also writes its goroutine dumps and
    /// heap profiles into `<evidence>/<toolchain version>/` (created; see Demos/PROTOCOL.md).
    package func run(
        _ slug: String, variants: [Variant] = Variant.allCases,
        scale: Int? = nil, evidence: String? = nil
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
        let evidenceDirectory = try evidence.map { try Self.evidenceDirectory(in: $0, for: toolchain) }
        let startedAt = Date()
        var figures = DemoFigures(toolchain: toolchain.version, leaky: nil, fixed: nil)
        for variant in variants {
            progress("running \(demo) -variant \(variant.rawValue)…")
            // The report quotes the demo's output; the machine's paths stay out of it.
            let run = try await runner.run(
                command, slug: slug, variant: variant, scale: scale, evidence: evidenceDirectory
            ).relativizingPaths(under: index.root)
            if variant == .leaky { figures.leaky = run } else { figures.fixed = run }
        }
        let report = DemoReport(
            pattern: slug, kind: meta.kind, claims: meta.claims, observations: meta.observations,
            figures: figures, cached: build.cached, buildSeconds: build.seconds, startedAt: startedAt)
        try index.record(report)
        return report
    }

    /// `<directory>/<toolchain version>`, made if missing, so that runs on several toolchains sit side by side.
    static func evidenceDirectory(in directory: String, for toolchain: Toolchain) throws(FileError) -> String {
        let path = "\(directory)/\(toolchain.version)"
        try FileSystem.makeDirectories(path)
        guard FileSystem.isDirectory(path) else {
            throw FileError(
                path: path, code: ENOTDIR, reason: "not a directory; --evidence needs one it can write into")
        }
        return path
    }
}
