import LeakKBCatalog
import LeakKBIndex
import LeakKBModel

/// What a list of patterns shows of each one (the `pattern-row` template):
/// what it is, the status of its claims from the latest recorded runs, and
/// what the filters read (kind, tags, language, the releases it affects,
/// each claim's toolchain guard). An export makes them once for the home,
/// tag and language pages, and renders each row once per depth: each page
/// made and rendered them anew, and a pattern is on several lists.
package struct ListRows: Sendable {
    private struct Row: Sendable {
        let slug, title, summary, summaryHTML, kind, language, tagList: String
        let status, statusClass, from, until, guards: String

        var context: [String: Any] {
            [
                "slug": slug, "title": title, "summary": summary, "summaryHTML": summaryHTML, "kind": kind,
                "language": language, "tagList": tagList, "status": status, "statusClass": statusClass,
                "from": from, "until": until, "guards": guards,
            ]
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
        rendered = Dictionary(
            uniqueKeysWithValues: ["", "../"].map { root in
                (
                    root,
                    Lazy { [rows] in
                        rows.mapValues { row in
                            var context = row.context
                            context["root"] = root
                            return templates.render("pattern-row", context)
                        }
                    }
                )
            })
    }

    /// The rows of `patterns`, in their order, for pages at `root`: each
    /// row's HTML and what a page groups rows by.
    package func context(_ patterns: [PatternListing], root: String) -> [[String: Any]] {
        let html = try? rendered[root]?.value()
        return patterns.compactMap { pattern in
            guard let row = rows[pattern.slug] else { return nil }
            var context = row.context
            context["root"] = root
            return [
                "html": html?[pattern.slug] ?? templates.render("pattern-row", context), "kind": row.kind,
                "title": row.title, "language": row.language,
            ]
        }
    }
}
