import LeakKBModel

/// A search hit as printed by `leakkb search --json` and served by
/// `/api/search`: the snippet as plain text and as HTML with `<mark>`.
public struct SearchResult: Encodable, Sendable {
    public let slug, title, language, summary, snippet, snippetHTML: String
    public let kind: Kind
    public let tags: [String]
    public let score: Double

    package enum CodingKeys: String, CodingKey {
        case slug, title, language, kind, summary, snippet, tags, score
        case snippetHTML = "snippet_html"
    }

    public init(_ hit: SearchHit) {
        slug = hit.slug
        title = hit.title
        language = hit.language
        kind = hit.kind
        summary = hit.summary
        snippet = Snippet.render(hit.snippet, open: "", close: "")
        snippetHTML = Snippet.html(hit.snippet)
        tags = hit.tags
        score = hit.score
    }
}
