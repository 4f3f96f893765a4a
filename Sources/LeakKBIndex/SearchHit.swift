import LeakKBModel

/// One ranked search result.
public struct SearchHit: Sendable, Codable, Hashable {
    public let slug: String
    public let title: String
    public let language: String
    public let kind: Kind
    public let tags: [String]
    public let summary: String
    /// Matched words are wrapped in `Snippet.open`/`Snippet.close`; each
    /// face turns them into bold, `<mark>` or plain brackets.
    public let snippet: String
    /// bm25 score: lower is better, as SQLite reports it.
    public let score: Double

    package func with(score: Double, snippet: String) -> SearchHit {
        SearchHit(
            slug: slug, title: title, language: language, kind: kind, tags: tags, summary: summary, snippet: snippet,
            score: score)
    }
}

/// The markers around matched words in snippets (private-use characters,
/// so they never collide with article text).
public enum Snippet {
    public static let open = "\u{E000}"
    public static let close = "\u{E001}"

    /// The snippet as HTML: text escaped, matches in `<mark>`.
    public static func html(_ snippet: String) -> String {
        render(snippet.htmlEscaped, open: "<mark>", close: "</mark>")
    }

    public static func render(_ snippet: String, open: String, close: String) -> String {
        snippet.replacing(Self.open, with: open).replacing(Self.close, with: close)
    }
}
