import LeakKBCatalog
import LeakKBIndex
import LeakKBModel

/// What a list of patterns shows of each one (the `pattern-row` template):
/// what it is, the status of its claims from the latest recorded runs, and
/// what the filters read (kind, tags, language, the releases it affects,
/// each claim's toolchain guard). An export makes them once for the home,
/// tag and language pages, and fills each row in once per depth from one
/// rendering of the template: each page made and rendered them anew, and a
/// pattern is on several lists.
package struct ListRows: Sendable {
    /// One row on a page: its HTML, and what the home page groups and orders rows by.
    package struct Item: Sendable {
        package let html, kind, title, language: String
    }

    /// A row's values for the template, in the order of `names`.
    private struct Row: Sendable {
        static let names = [
            "slug", "title", "summary", "summaryHTML", "kind", "language", "tagList", "status", "statusClass", "from",
            "until", "guards", "root",
        ]
        let slug, title, summary, summaryHTML, kind, language, tagList: String
        let status, statusClass, from, until, guards: String

        func values(root: String) -> [String] {
            [
                slug, title, summary, summaryHTML, kind, language, tagList, status, statusClass, from, until, guards,
                root,
            ]
        }
    }

    private let rows: [String: Row]
    /// The `pattern-row` template rendered once with stand-ins for all of a row's values:
    /// filling it is exact (they are all strings) and needs no Mustache per row.
    private let stencil: Stencil
    /// Each row rendered, per `root` of the pages that list it (the home page's, and one level down).
    private let rendered: [String: Lazy<[String: String]>]

    /// The rows of `patterns` (every pattern when nil).
    package init(_ index: Index, templates: Templates, patterns: [PatternListing]? = nil) throws {
        let tallies = try index.tallies()
        var rows: [String: Row] = [:]
        for pattern in try patterns ?? index.listings() {
            let (claims, status) = tallies[pattern.slug] ?? ([], ClaimStatus(claims: [String](), runs: []))
            let versions = AffectedVersions(affects: pattern.affects, fixedIn: pattern.fixedIn)
            let guards = claims.map { text in
                (try? Claim(text))?.toolchainGuard.map {
                    $0.comparison.rawValue + AffectedVersions.attribute($0.version)
                } ?? "*"
            }
            let summary = InlineMarkdown(pattern.summary)
            rows[pattern.slug] = Row(
                slug: pattern.slug, title: pattern.title, summary: summary.text, summaryHTML: summary.html,
                kind: pattern.kind.rawValue, language: pattern.language, tagList: pattern.tags.joined(separator: " "),
                status: status.sentence,
                statusClass: !status.failing.isEmpty ? "fail" : status.holds ? "pass" : "unknown",
                from: AffectedVersions.attribute(versions.from), until: AffectedVersions.attribute(versions.until),
                guards: guards.joined(separator: " "))
        }
        self.rows = rows
        let stencil = Stencil(Row.names) { templates.render("pattern-row", $0) }
        self.stencil = stencil
        rendered = Dictionary(
            uniqueKeysWithValues: ["", "../"].map { root in
                (root, Lazy { [rows] in rows.mapValues { stencil.fill($0.values(root: root)) } })
            })
    }

    /// The rows of `patterns`, in their order, for pages at `root`.
    package func items(_ patterns: [PatternListing], root: String) -> [Item] {
        let html = try? rendered[root]?.value()
        return patterns.compactMap { pattern in
            guard let row = rows[pattern.slug] else { return nil }
            return Item(
                html: html?[pattern.slug] ?? stencil.fill(row.values(root: root)), kind: row.kind,
                title: row.title, language: row.language)
        }
    }

    /// What the `pattern-list` template shows as its rows: each row's HTML on a line of its own.
    package static func list(_ items: [Item]) -> String {
        var text = ""
        text.reserveCapacity(items.reduce(0) { $0 + $1.html.utf8.count + 1 })
        for item in items {
            text += item.html
            text += "\n"
        }
        return text
    }
}
