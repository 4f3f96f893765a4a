import Foundation
import LeakKBCatalog
import LeakKBIndex
import LeakKBModel

/// The pages that list patterns (home with its filters, tags, languages,
/// search results), the 404 page, and the catalogue as data.
extension SitePages {
    package func home(rows listRows: ListRows? = nil) throws -> String {
        let patterns = try index.listings()
        let rows = try self.listRows(patterns, root: "", from: listRows)
        let languages = Dictionary(grouping: rows, by: \.language).sorted { $0.key < $1.key }
            .map { language, items -> [String: Any] in
                let kinds = Self.kindLabels.compactMap { kind, label -> [String: Any]? in
                    let matching = items.filter { $0.kind == kind }.sorted { $0.title < $1.title }
                    return matching.isEmpty
                        ? nil
                        : ["kind": kind, "label": label, "count": matching.count, "rows": ListRows.list(matching)]
                }
                return ["name": language, "label": Self.languageLabels[language] ?? language, "kinds": kinds]
            }
        let tags = try index.tags().filter { $0.count > 0 }.sorted { $0.name < $1.name }
            .map { ["name": $0.name, "count": $0.count, "description": $0.description] as [String: Any] }
        let kinds = Set(patterns.map(\.kind.rawValue))
        return page(
            "home", path: "index.html", title: "Memory-leak patterns",
            description:
                "A catalogue of memory-leak patterns, each with a compiled demo whose measured figures prove the article's claims.",
            [
                "patternCount": patterns.count, "claimCount": try index.claimCount(),
                "tags": tags, "languages": languages,
                "kindOptions": Self.kindLabels.filter { kinds.contains($0.0) }.map { ["value": $0.0, "label": $0.1] },
                "languageOptions": Set(patterns.map(\.language)).sorted().map {
                    ["value": $0, "label": Self.languageLabels[$0] ?? $0]
                },
            ])
    }

    package func tag(_ name: String, rows: ListRows? = nil) throws -> String? {
        guard let tag = try index.tags().first(where: { $0.name == name }) else { return nil }
        let patterns = try index.listings(matching: SearchQuery(tag: name))
        return page(
            "listing", path: "tags/\(name).html", title: "Tag: \(name)", description: tag.description,
            [
                "heading": "Tag: \(name)", "lead": tag.description,
                "rows": ListRows.list(try listRows(patterns, root: "../", from: rows)),
            ])
    }

    package func language(_ name: String, rows: ListRows? = nil) throws -> String? {
        let patterns = try index.listings(matching: SearchQuery(language: name))
        guard !patterns.isEmpty else { return nil }
        let label = Self.languageLabels[name] ?? name
        return page(
            "listing", path: "languages/\(name).html", title: "\(label) patterns",
            description: "Every \(label) memory-leak pattern in leakkb.",
            [
                "heading": "\(label) patterns", "lead": "\(patterns.count) patterns.",
                "rows": ListRows.list(try listRows(patterns, root: "../", from: rows)),
            ])
    }

    /// The list rows of `patterns` on a page at `root`, from `rows` when an export made them for all.
    func listRows(_ patterns: [PatternListing], root: String, from rows: ListRows?) throws -> [ListRows.Item] {
        try (rows ?? ListRows(index, templates: templates, patterns: patterns)).items(patterns, root: root)
    }

    /// Server-side results for `/search?q=`, so search works without JavaScript.
    package func search(_ text: String) -> String {
        var context: [String: Any] = ["query": text, "served": true]
        do {
            let hits = try index.search(try SearchQuery(parsing: text), limit: 50)
            context["hits"] = hits.map { hit -> [String: Any] in
                ["slug": hit.slug, "title": hit.title, "kind": hit.kind.rawValue, "snippet": Snippet.html(hit.snippet)]
            }
            context["message"] =
                hits.isEmpty
                ? "No pattern matches “\(text)”."
                : "\(hits.count) pattern\(hits.count == 1 ? "" : "s") match “\(text)”."
        } catch let error as SearchError {
            context["message"] = error.description
        } catch {
            context["message"] = "The search failed."
        }
        return page("search", path: "search", title: "Search", description: "Search the leakkb catalogue.", context)
    }

    /// The static site's results page: search.js fills it from `?q=`;
    /// without JavaScript it says that search needs it and where the full list is.
    package func staticSearch() -> String {
        page("search", path: "search.html", title: "Search", description: "Search the leakkb catalogue.", [:])
    }

    /// Served at any missing address, at any depth, so it links from the
    /// host's root and carries its styles inline.
    package func notFound() -> String {
        page(
            "not-found", path: "404.html", title: "Not found", description: "No page at this address.",
            [:], root: "/", inlineStyles: true)
    }

    /// `patterns.json`: every pattern's record, the schema
    /// `/api/patterns/{slug}` answers with (there with the article's HTML too);
    /// from `latestRuns` when an export read every pattern's at once.
    package func patternsJSON(
        latestRuns: [String: [LatestRun]]? = nil, patterns: [PatternMetadata]? = nil
    ) throws -> String {
        let records =
            try latestRuns.map { runs in
                try (patterns ?? index.patterns()).map { PatternRecord(pattern: $0, latestRuns: runs[$0.slug] ?? []) }
            } ?? index.records()
        let data = try JSONEncoder.published().encode(PatternsDocument(patterns: records))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The document `patterns.json` holds.
struct PatternsDocument: Encodable {
    let patterns: [PatternRecord]
}
