import LeakKBCatalog
import LeakKBIndex
import LeakKBModel
import Mustache

/// What a list of patterns shows of each one (the `pattern-row` template):
/// what it is, the status of its claims from the latest recorded runs, and
/// what the filters read (kind, tags, language, the releases it affects,
/// each claim's toolchain guard). An export makes them once for the home,
/// tag and language pages, and renders each row once per depth: each page
/// made and rendered them anew, and a pattern is on several lists.
package struct ListRows: Sendable {
    /// One row on a page: its HTML, and what the home page groups and orders rows by.
    package struct Item: Sendable {
        package let html, kind, title, language: String
    }

    /// The row's values for the template, looked up by name: cheaper for
    /// Mustache than a dictionary made anew for every row.
    private struct Row: Sendable, MustacheParent {
        let slug, title, summary, summaryHTML, kind, language, tagList: String
        let status, statusClass, from, until, guards: String
        var root = ""

        func child(named name: String) -> Any? {
            switch name {
            case "slug": slug
            case "title": title
            case "summary": summary
            case "summaryHTML": summaryHTML
            case "kind": kind
            case "language": language
            case "tagList": tagList
            case "status": status
            case "statusClass": statusClass
            case "from": from
            case "until": until
            case "guards": guards
            case "root": root
            default: nil
            }
        }
    }

    private let rows: [String: Row]
    private let templates: Templates
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
        self.templates = templates
        // Each row rendered once, with a stand-in for the root its links start from.
        let stencils = Lazy { [rows] in rows.mapValues { Self.stencil($0, templates) } }
        rendered = Dictionary(
            uniqueKeysWithValues: ["", "../"].map { root in
                (root, Lazy { try stencils.value().mapValues { $0.fill([root]) } })
            })
    }

    /// The rows of `patterns`, in their order, for pages at `root`.
    package func items(_ patterns: [PatternListing], root: String) -> [Item] {
        let html = try? rendered[root]?.value()
        return patterns.compactMap { pattern in
            guard let row = rows[pattern.slug] else { return nil }
            return Item(
                html: html?[pattern.slug] ?? Self.render(row, root: root, templates), kind: row.kind,
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

    private static func render(_ row: Row, root: String, _ templates: Templates) -> String {
        var row = row
        row.root = root
        return templates.render("pattern-row", row)
    }

    private static func stencil(_ row: Row, _ templates: Templates) -> Stencil {
        Stencil(["root"]) { values in render(row, root: values["root"] ?? "", templates) }
    }
}
