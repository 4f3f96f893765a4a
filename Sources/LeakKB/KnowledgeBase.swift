import Foundation
import LeakKBCatalog
import LeakKBDemos
import LeakKBDiagnosis
import LeakKBIndex
import LeakKBModel
import LeakKBSite

/// One knowledge base, opened: what every command and every route of the
/// server works through, so that the CLI and the server hold no logic the
/// other lacks. It finds articles, runs and records demos, and exports the
/// site; the layers below do the work.
package struct KnowledgeBase: Sendable {
    package let index: Index
    package var root: String { index.root }

    /// Opens the index of the knowledge base at `root`, up to date with
    /// `Content/` or the last good one (see `Index.opened`); what it did by
    /// itself is said on `notice`.
    package static func open(
        root: String, indexPath: String? = nil, pooled: Bool = false,
        notice: @escaping @Sendable (String) -> Void
    ) throws -> KnowledgeBase {
        KnowledgeBase(index: try Index.opened(root: root, path: indexPath, pooled: pooled, notice: notice))
    }

    package init(index: Index) {
        self.index = index
    }

    // MARK: - Reading

    package func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        try index.search(query, limit: limit)
    }

    /// The pattern, or an error that names the nearest slug.
    package func pattern(_ slug: String) throws -> PatternDetail {
        guard let detail = try index.pattern(slug) else {
            throw KnowledgeBaseError.unknownPattern(slug, suggestion: try index.suggestion(for: slug))
        }
        return detail
    }

    /// The article's Markdown source as it is on disk now.
    package func markdown(of pattern: PatternMetadata) -> String { index.markdown(of: pattern) }

    package func patterns(matching filter: SearchQuery = SearchQuery()) throws -> [PatternMetadata] {
        try index.patterns(matching: filter)
    }

    package func tags() throws -> [TagCount] { try index.tags() }

    // MARK: - Demos

    /// The toolchain to build `language`'s demos with: `explicit`, else the
    /// language's default (for Go: `LEAKKB_GO`, `.tools/go`, `go` on PATH).
    package func toolchain(
        _ explicit: String? = nil, for language: any DemoLanguage = GoLanguage()
    )
        async throws(DemoError) -> Toolchain
    {
        try await language.toolchain(explicit: explicit, root: root, environment: ProcessInfo.processInfo.environment)
    }

    /// Every toolchain bootstrapped for `language`, or only `explicit` when given.
    package func toolchains(
        _ explicit: String? = nil, for language: any DemoLanguage = GoLanguage()
    )
        async throws(DemoError) -> [Toolchain]
    {
        if let explicit { return [try await language.toolchain(explicit: explicit, root: root, environment: [:])] }
        return try await language.bootstrappedToolchains(root: root)
    }

    /// Builds (cached) and runs a pattern's demo, checks its claims and records the run.
    package func runDemo(
        _ slug: String, on toolchain: Toolchain, variants: [Variant] = Variant.allCases,
        scale: Int? = nil, timeout: Duration = .seconds(60), evidence: String? = nil,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> DemoReport {
        var session = DemoSession(index: index, toolchain: toolchain)
        session.runner.timeout = timeout
        session.progress = progress
        return try await session.run(slug, variants: variants, scale: scale, evidence: evidence)
    }

    /// Patterns whose demo is written for `toolchain`'s language and has no recorded run on it.
    package func unmeasured(on toolchain: Toolchain) throws -> [PatternMetadata] {
        try index.patternsWithDemos().filter { pattern in
            guard pattern.language == toolchain.language else { return false }
            return try !index.latestRuns(of: pattern.slug).contains { $0.toolchain == toolchain.version.description }
        }
    }

    // MARK: - Diagnosis

    /// Groups the goroutines or allocation sites of `input` (diffed against `base`, when given),
    /// matches them against every article's signatures and adds the first
    /// paragraph of each named article's Fix section.
    package func diagnose(
        _ input: EvidenceInput, base: EvidenceInput? = nil, format: EvidenceFormat? = nil,
        toolchain: GoVersion? = nil, minimumWeight: Double = GroupReport.defaultMinimumWeight,
        minimumBytes: Int64 = HeapSnapshot.defaultMinimumBytes
    ) throws -> DiagnosisReport {
        let patterns = try index.patterns().filter { !$0.signatures.isEmpty }
        var report = try Diagnosis.diagnose(
            input, base: base, format: format,
            patterns: patterns.map { SignedPattern(slug: $0.slug, title: $0.title, signatures: $0.signatures) },
            toolchain: toolchain, minimumWeight: minimumWeight, minimumBytes: minimumBytes)
        let bySlug = Dictionary(patterns.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var fixes: [String: String?] = [:]
        for group in report.groups.indices {
            for match in report.groups[group].matches.indices {
                let slug = report.groups[group].matches[match].slug
                if fixes[slug] == nil {
                    fixes[slug] = bySlug[slug].flatMap { SectionParagraph.first(in: markdown(of: $0), section: "Fix") }
                }
                report.groups[group].matches[match].fix = fixes[slug] ?? nil
            }
        }
        return report
    }

    // MARK: - Site

    /// Writes the static site to `directory` (see `SiteExporter`).
    package func export(
        to directory: String, full: Bool = false,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws -> SiteExporter.Summary {
        try SiteExporter(pages: SitePages(index: index, templates: try Templates())).export(
            to: directory, full: full, progress: progress)
    }
}

/// What the coordinating layer itself can refuse.
package enum KnowledgeBaseError: Failure {
    case unknownPattern(String, suggestion: String?)

    package var description: String {
        switch self {
        case .unknownPattern(let slug, let suggestion):
            "no pattern '\(slug)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        }
    }

    package var exitCode: Int32 { ExitStatus.failure }
    package var httpStatus: Int { 404 }
}
