import Foundation
import LeakKBCatalog
import LeakKBIndex
import LeakKBModel

/// Renders every page of the site from the index with the shared
/// templates; the exporter writes them to disk, the server serves them.
/// Paths are relative (`patterns/nil-map.html`) so pages work from file://.
public struct SitePages: Sendable {
    public let index: Index
    public let templates: Templates
    /// The server answers `/search?q=` itself, so its search form submits
    /// there; the static site's form is handled by search.js.
    public let serverSearch: Bool

    public init(index: Index, templates: Templates, serverSearch: Bool = false) {
        self.index = index
        self.templates = templates
        self.serverSearch = serverSearch
    }

    package static let kindLabels: [(String, String)] = [
        ("goroutine-leak", "Goroutine leaks"), ("leak", "Leaks"), ("retention", "Memory retention"),
        ("resource-leak", "Resource leaks"), ("crash", "Crashes"), ("myth", "Myths, measured"),
    ]
    package static let languageLabels = ["go": "Go"]

    package func page(
        _ template: String, path: String, title: String, description: String, _ context: [String: Any]
    ) -> String {
        let depth = path.filter { $0 == "/" }.count
        var full = context
        full["root"] = String(repeating: "../", count: depth)
        full["title"] = title
        full["description"] = description
        full["searchAction"] = serverSearch ? "search" : "search.html"
        return templates.render(template, full)
    }

    public func pattern(_ slug: String) throws -> String? {
        guard let detail = try index.pattern(slug) else { return nil }
        let meta = detail.metadata
        let runs = try index.latestRuns(of: slug)
        let related = try meta.related.compactMap { try index.pattern($0)?.metadata }.map {
            ["slug": $0.slug, "title": $0.title]
        }
        var article: [String: Any] = [
            "title": meta.title, "summary": meta.summary, "kind": meta.kind.rawValue, "language": meta.language,
            "tags": meta.tags, "html": detail.html,
        ]
        // Only present keys: Mustache treats a boxed nil as a value.
        if let affects = meta.affects { article["affects"] = affects }
        if let fixedIn = meta.fixedIn { article["fixedIn"] = fixedIn }
        var context: [String: Any] = [
            "slug": slug,
            "pattern": article,
            "measured": !runs.isEmpty,
            "toolchains": runs.isEmpty ? ["not measured"] : runs.map(\.toolchain),
            "claims": claimRows(meta.claims.map(\.text), runs: runs),
            "runs": runs.map(runContext),
            "related": related, "hasRelated": !related.isEmpty,
            "sources": meta.sources, "hasSources": !meta.sources.isEmpty,
        ]
        if let demo = meta.demo, let source = DemoSource.load(root: index.root, language: meta.language, demo: demo) {
            context["code"] = ["path": source.path, "leaky": source.leaky, "fixed": source.fixed]
        }
        return page("pattern", path: "patterns/\(slug).html", title: meta.title, description: meta.summary, context)
    }

    package func claimRows(_ claims: [String], runs: [LatestRun]) -> [[String: Any]] {
        claims.map { claim in
            let verdicts: [[String: Any]] =
                runs.isEmpty
                ? [["mark": "?", "css": "unknown", "detail": "not measured yet"]]
                : runs.map { run in
                    guard let result = run.claims.first(where: { $0.claim == claim }) else {
                        return ["mark": "?", "css": "unknown", "detail": "not measured by this run"]
                    }
                    switch result.status {
                    case .passed: return ["mark": "✓", "css": "pass", "detail": result.detail]
                    case .failed: return ["mark": "✗", "css": "fail", "detail": result.detail]
                    case .notApplicable: return ["mark": "–", "css": "na", "detail": result.detail]
                    case .notMeasured: return ["mark": "?", "css": "unknown", "detail": result.detail]
                    }
                }
            return ["text": claim, "verdicts": verdicts]
        }
    }

    package func runContext(_ run: LatestRun) -> [String: Any] {
        let metrics = [
            "heap_inuse", "heap_objects", "total_alloc", "goroutines", "open_fds", "vm_rss_kib", "vm_hwm_kib",
        ]
        func value(_ variant: VariantRun?, after: Bool, _ metric: String) -> String {
            ((after ? variant?.after : variant?.before)?[metric]).map { Quantity.format($0, metric: metric) } ?? "–"
        }
        return [
            "toolchain": run.toolchain, "startedAt": run.startedAt, "passed": run.passed,
            "leakyStatus": run.leaky.map { $0.panic.map { "panicked: \($0)" } ?? $0.exitStatus } ?? "not run",
            "fixedStatus": run.fixed.map { $0.panic.map { "panicked: \($0)" } ?? $0.exitStatus } ?? "not run",
            "chart": Chart.svg(leaky: run.leaky, fixed: run.fixed, toolchain: run.toolchain),
            "rows": metrics.map { metric in
                [
                    "metric": metric, "leakyBefore": value(run.leaky, after: false, metric),
                    "leakyAfter": value(run.leaky, after: true, metric),
                    "fixedBefore": value(run.fixed, after: false, metric),
                    "fixedAfter": value(run.fixed, after: true, metric),
                ]
            },
        ]
    }

    public func claims() throws -> String {
        let patterns = try index.patterns().filter { !$0.claims.isEmpty }
        let items = try patterns.map { pattern -> [String: Any] in
            let runs = try index.latestRuns(of: pattern.slug)
            return [
                "slug": pattern.slug, "title": pattern.title,
                "toolchains": runs.isEmpty ? ["not measured"] : runs.map(\.toolchain),
                "claims": claimRows(pattern.claims.map(\.text), runs: runs),
            ]
        }
        return page(
            "claims", path: "claims.html", title: "All claims",
            description: "Every claim in leakkb with its latest measured verdict.", ["patterns": items])
    }
}
