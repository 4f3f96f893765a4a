import LeakKBModel

/// One ranked search result, as every face gets it. Encoded (for
/// `leakkb search --json` and `/api/search`) with the snippet as plain text
/// and as HTML with `<mark>`.
package struct SearchHit: Sendable, Encodable, Hashable {
    package let slug: String
    package let title: String
    package let language: String
    package let kind: Kind
    package let tags: [String]
    package let summary: String
    /// Matched words are wrapped in `Snippet.open`/`Snippet.close`; each
    /// face turns them into bold, `<mark>` or plain brackets.
    package let snippet: String
    /// bm25 score, lower is better as SQLite reports it: the sum of each
    /// term's bm25 over the terms whose word search found the article among
    /// its best (`Index.candidatesPerTerm`; over its short fields alone
    /// where that many hold the term there); 0 when only a name or a part
    /// of a word found it.
    package let score: Double

    package enum CodingKeys: String, CodingKey {
        case slug, title, language, kind, summary, snippet, tags, score
        case snippetHTML = "snippet_html"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slug, forKey: .slug)
        try container.encode(title, forKey: .title)
        try container.encode(language, forKey: .language)
        try container.encode(kind, forKey: .kind)
        try container.encode(summary, forKey: .summary)
        try container.encode(Snippet.render(snippet, open: "", close: ""), forKey: .snippet)
        try container.encode(Snippet.html(snippet), forKey: .snippetHTML)
        try container.encode(tags, forKey: .tags)
        try container.encode(score, forKey: .score)
    }

    package func with(score: Double, snippet: String) -> SearchHit {
        SearchHit(
            slug: slug, title: title, language: language, kind: kind, tags: tags, summary: summary, snippet: snippet,
            score: score)
    }
}

/// The markers around matched words in snippets (private-use characters,
/// so they never collide with article text).
package enum Snippet {
    package static let open = "\u{E000}"
    package static let close = "\u{E001}"

    /// The snippet as HTML: text escaped, matches in `<mark>`.
    package static func html(_ snippet: String) -> String {
        render(snippet.htmlEscaped, open: "<mark>", close: "</mark>")
    }

    package static func render(_ snippet: String, open: String, close: String) -> String {
        snippet.replacing(Self.open, with: open).replacing(Self.close, with: close)
    }
}
