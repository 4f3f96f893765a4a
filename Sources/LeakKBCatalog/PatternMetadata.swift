import LeakKBModel

/// An article's front matter as plain data: stored as JSON in the index and
/// served by the API, with the snake_case names the front matter uses. The
/// kind and the claims are typed: the JSON holds their text, and a stored
/// value that no longer reads as one is an error, not a default.
public struct PatternMetadata: Sendable, Codable, Hashable {
    public let slug: String
    public let title: String
    public let language: String
    public let kind: Kind
    public let tags: [String]
    public let aliases: [String]
    public let summary: String
    public let affects: String?
    public let fixedIn: String?
    public let demo: String?
    /// The `expect:` claims, as the catalogue parsed them.
    public let claims: [Expectation]
    public let related: [String]
    public let sources: [String]
    public let path: String

    package enum CodingKeys: String, CodingKey {
        case slug, title, language, kind, tags, aliases, summary, affects
        case fixedIn = "fixed_in"
        case demo, claims = "expect", related, sources, path
    }

    package init(_ pattern: Pattern) {
        slug = pattern.slug
        title = pattern.title
        language = pattern.language
        kind = pattern.kind
        tags = pattern.tags
        aliases = pattern.aliases
        summary = pattern.summary
        affects = pattern.affects
        fixedIn = pattern.fixedIn
        demo = pattern.demo
        claims = pattern.claims.map(\.value)
        related = pattern.related
        sources = pattern.sources
        path = pattern.path
    }
}
