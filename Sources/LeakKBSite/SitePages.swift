import Foundation
import LeakKBCatalog
import LeakKBIndex
import LeakKBModel
import LeakKBSystem
import Mustache

/// Renders every page of the site from the index with the shared
/// templates; the exporter writes them to disk, the server serves them.
/// Paths are relative (`patterns/nil-map.html`) so pages work from file://.
package struct SitePages: Sendable {
    package let index: Index
    package let templates: Templates
    /// The server answers `/search?q=` itself, so its search form submits
    /// there; the static site's form is handled by search.js.
    package let serverSearch: Bool
    /// The head and foot around the pages, rendered once per depth.
    private let frames = PageFrame.Cache()
    /// A pattern page's table of contents entry and tag link: rendered once,
    /// filled per entry (Mustache looked each value up through the page).
    private let tocEntry, tagLink: Stencil

    package init(index: Index, templates: Templates, serverSearch: Bool = false) {
        self.index = index
        self.templates = templates
        self.serverSearch = serverSearch
        tocEntry = Stencil(["id", "title"]) { templates.render("toc-entry", $0) }
        tagLink = Stencil(["root", "tag"]) { templates.render("tag-link", $0) }
    }

    package static let kindLabels: [(String, String)] = [
        ("goroutine-leak", "Goroutine leaks"), ("leak", "Leaks"), ("retention", "Memory retention"),
        ("resource-leak", "Resource leaks"), ("crash", "Crashes"), ("myth", "Myths, measured"),
    ]
    package static let languageLabels = ["go": "Go"]

    /// `template`'s body in the frame (head and foot) of a page at `path`;
    /// links go from `root` when given (a page served at any depth), and the
    /// styles are inline when asked.
    package func page(
        _ template: String, path: String, title: String, description: String, _ context: [String: Any],
        root: String? = nil, inlineStyles: Bool = false
    ) -> String {
        page(
            template, path: path, title: title, description: description, body: context, root: root,
            inlineStyles: inlineStyles)
    }

    /// The same for a body whose values are typed (a pattern page's).
    func page(
        _ template: String, path: String, title: String, description: String, body: some MustacheParent,
        root: String? = nil, inlineStyles: Bool = false
    ) -> String {
        let root = root ?? Self.root(of: path)
        // Pages the server alone can answer (the paste page) are linked only when served.
        let context = PageContext(
            root: root, title: title, description: description,
            searchAction: serverSearch ? "search" : "search.html", served: serverSearch, body: body)
        let setting = PageFrame.Setting(root: root, served: serverSearch, inlineStyles: inlineStyles)
        return frames.frame(setting, templates: templates).page(
            templates.render(template, context), title: title, description: description)
    }

    /// Where a page at `path` links from: `../` for each directory it is in.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.filter { $0 == "/" }.count)
    }

    /// Patterns in the order the home page lists them: by language, kind
    /// (as `kindLabels` orders them), then title. Previous/next links and
    /// the claims page follow it.
    package static func catalogueOrder<Item>(
        _ items: [Item], language: (Item) -> String, kind: (Item) -> Kind, title: (Item) -> String
    ) -> [Item] {
        let rank = Dictionary(uniqueKeysWithValues: kindLabels.enumerated().map { ($1.0, $0) })
        // Each item's place worked out once, not at each of the sort's comparisons.
        let places = items.enumerated().map { number, item in
            (language(item), rank[kind(item).rawValue] ?? rank.count, title(item), number)
        }
        return places.sorted { $0 < $1 }.map { items[$0.3] }
    }

    package static func catalogueOrder(_ listings: [PatternListing]) -> [PatternListing] {
        catalogueOrder(listings, language: \.language, kind: \.kind, title: \.title)
    }

    /// A pattern's page; an export passes the neighbours it read once for all
    /// pages (reading them per page made a 10,000-article export quadratic),
    /// and every pattern's latest runs and front matter, each read at once
    /// (read per page, the front matter was a sixth of a full export).
    package func pattern(
        _ slug: String, neighbours: Neighbours? = nil, latestRuns: [String: [LatestRun]]? = nil,
        every: [String: PatternMetadata]? = nil
    ) throws -> String? {
        let meta: PatternMetadata
        let html: String
        var titles: [String: String] = [:]
        if let every {
            guard let found = every[slug], let text = try index.html(of: slug) else { return nil }
            (meta, html) = (found, text)
            for slug in meta.related { titles[slug] = every[slug]?.title }
        } else {
            guard let detail = try index.pattern(slug) else { return nil }
            (meta, html) = (detail.metadata, detail.html)
            titles = try index.titles(of: meta.related)
        }
        let runs = try latestRuns.map { $0[slug] ?? [] } ?? index.latestRuns(of: slug)
        let related = meta.related.compactMap { slug in
            titles[slug].map { PatternPageContext.Link(slug: slug, title: $0) }
        }
        let summary = InlineMarkdown(meta.summary)
        let article = ArticleSections(html: html)
        let status = ClaimStatus(claims: meta.claims, runs: runs)
        let observations = verdictRows(meta.observations.map(\.text), role: .observation, runs: runs)
        var code: PatternPageContext.Code?
        if let demo = meta.demo, let source = DemoSource.load(root: index.root, language: meta.language, demo: demo) {
            code = .init(path: source.path, leaky: GoSyntax.html(source.leaky), fixed: GoSyntax.html(source.fixed))
        }
        var contents = article.sections.map { ($0.id, $0.title) }
        contents.append(("claims", "Claims"))
        if !observations.isEmpty { contents.append(("observations", "Observations")) }
        contents += runs.map { ("run-\($0.toolchain)", "Measured on \($0.toolchain)") }
        if code != nil { contents.append(("code", "Demo code")) }
        if !related.isEmpty { contents.append(("related", "Related")) }
        if !meta.sources.isEmpty { contents.append(("sources", "Sources")) }
        let around = try (neighbours ?? Neighbours(index)).of(slug)
        let path = "patterns/\(slug).html"
        let root = Self.root(of: path)
        let context = PatternPageContext(
            slug: slug,
            facts: .init(
                title: meta.title, summary: summary.html, kind: meta.kind.rawValue, language: meta.language,
                html: article.html, tagLinks: meta.tags.map { tagLink.fill([root, $0]) }.joined(),
                affects: meta.affects, fixedIn: meta.fixedIn),
            status: status.sentence, statusCss: status.holds ? "pass" : status.failing.isEmpty ? "unknown" : "fail",
            claims: verdictRows(meta.claims.map(\.text), role: .claim, runs: runs), observations: observations,
            runs: runs.map { runContext($0, of: meta) }, related: related, sources: meta.sources, code: code,
            contents: contents.map { tocEntry.fill([$0, $1]) }.joined(),
            previous: around.previous.map { .init(slug: $0.slug, title: $0.title) },
            next: around.next.map { .init(slug: $0.slug, title: $0.title) })
        return page("pattern", path: path, title: meta.title, description: summary.text, body: context)
    }

    /// The whole `main.go` of a pattern's demo, highlighted; nil when the
    /// pattern has no demo or its file cannot be read.
    package func demoSource(_ slug: String) throws -> String? {
        guard let meta = try index.pattern(slug)?.metadata, let demo = meta.demo else { return nil }
        let path = DemoSource.path(language: meta.language, demo: demo)
        guard let bytes = try? FileSystem.read(index.root + "/" + path) else { return nil }
        return page(
            "demo-source", path: "demos/\(slug).html", title: "\(path): \(meta.title)",
            description: "The demo of \(InlineMarkdown(meta.title).text), whole.",
            [
                "slug": slug, "title": meta.title, "path": path,
                "source": GoSyntax.html(String(decoding: bytes, as: UTF8.self)),
            ])
    }

    /// One row per claim (or observation) with its verdict on each run: a
    /// mark, and what was measured, shown as text (not only in a tooltip).
    package func verdictRows(_ texts: [String], role: ClaimResult.Role, runs: [LatestRun]) -> [VerdictRow] {
        texts.map { text in
            let verdicts: [VerdictRow.Verdict] =
                runs.isEmpty
                ? [.init(toolchain: nil, mark: "?", css: "unknown", detail: "not measured yet")]
                : runs.map { run in
                    let toolchain = run.toolchain
                    guard let result = run.claims.first(where: { $0.claim == text && $0.role == role }) else {
                        return .init(
                            toolchain: toolchain, mark: "?", css: "unknown", detail: "not measured by this run")
                    }
                    let detail = result.detail + (result.swapProblem.map { "; swap test: \($0)" } ?? "")
                    switch (role, result.status) {
                    case (.observation, .passed), (.observation, .failed):
                        return .init(toolchain: toolchain, mark: "·", css: "measured", detail: detail)
                    case (.claim, .passed) where result.swapProblem == nil:
                        return .init(toolchain: toolchain, mark: "✓", css: "pass", detail: detail)
                    case (.claim, .passed), (.claim, .failed):
                        return .init(toolchain: toolchain, mark: "✗", css: "fail", detail: detail)
                    case (_, .notApplicable):
                        return .init(toolchain: toolchain, mark: "–", css: "na", detail: detail)
                    case (_, .notMeasured):
                        return .init(toolchain: toolchain, mark: "?", css: "unknown", detail: detail)
                    }
                }
            return VerdictRow(text: text, verdicts: verdicts)
        }
    }

    /// A run's charts and figure table: the figures the claims read first.
    package func runContext(_ run: LatestRun, of meta: PatternMetadata) -> [String: Any] {
        let phases = [run.leaky?.before, run.leaky?.after, run.fixed?.before, run.fixed?.after].compactMap { $0 }
        let recorded = Set(phases.flatMap(\.keys))
        func shown(_ defaults: [String]) -> [Figure] {
            Figure.shown(claims: meta.claims, observations: meta.observations, defaults: defaults, recorded: recorded)
        }
        let named = Set((meta.claims + meta.observations).flatMap(\.references).map(\.metric))
        let charted = shown(Figure.chart)
        let chartCount = max(Figure.chart.count, charted.filter { named.contains($0.name) }.count)
        func value(_ variant: VariantRun?, after: Bool, _ figure: Figure) -> String {
            ((after ? variant?.after : variant?.before)?[figure.name]).map(figure.format) ?? "–"
        }
        func status(_ variant: VariantRun?) -> String {
            variant.map { $0.panic.map { "panicked: \($0)" } ?? $0.exitStatus } ?? "not run"
        }
        return [
            "toolchain": run.toolchain, "startedAt": run.startedAt, "passed": run.passed,
            "leakyStatus": status(run.leaky), "fixedStatus": status(run.fixed),
            "chart": Chart.html(
                figures: Array(charted.prefix(chartCount)), leaky: run.leaky, fixed: run.fixed,
                toolchain: run.toolchain),
            "rows": shown(Figure.table).map { figure -> [String: Any] in
                var row: [String: Any] = [
                    "label": figure.label, "name": figure.name, "claimed": named.contains(figure.name),
                    "leakyBefore": value(run.leaky, after: false, figure),
                    "leakyAfter": value(run.leaky, after: true, figure),
                    "fixedBefore": value(run.fixed, after: false, figure),
                    "fixedAfter": value(run.fixed, after: true, figure),
                ]
                if let note = figure.recordedUnitNote { row["note"] = note }
                return row
            },
        ]
    }

    /// Every claim with its verdicts; from `latestRuns` when an export read every pattern's at once.
    package func claims(latestRuns: [String: [LatestRun]]? = nil) throws -> String {
        let patterns = Self.catalogueOrder(
            try index.patterns().filter { !$0.claims.isEmpty }, language: \.language, kind: \.kind, title: \.title)
        let items = try patterns.map { pattern -> [String: Any] in
            let runs = try latestRuns.map { $0[pattern.slug] ?? [] } ?? index.latestRuns(of: pattern.slug)
            let status = ClaimStatus(claims: pattern.claims, runs: runs)
            return [
                "slug": pattern.slug, "title": pattern.title, "status": status.sentence,
                "statusCss": status.holds ? "pass" : status.failing.isEmpty ? "unknown" : "fail",
                "claims": verdictRows(pattern.claims.map(\.text), role: .claim, runs: runs),
            ]
        }
        return page(
            "claims", path: "claims.html", title: "All claims",
            description: "Every claim in leakkb with its latest measured verdict.", ["patterns": items])
    }
}
