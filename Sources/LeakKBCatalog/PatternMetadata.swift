/// An article's front matter as plain data: stored as JSON in the index and
/// served by the API, with the snake_case names the front matter uses.
public struct PatternMetadata: Sendable, Codable, Hashable {
    public let slug: String
    public let title: String
    public let language: String
    public let kind: String
    public let tags: [String]
    public let aliases: [String]
    public let summary: String
    public let affects: String?
    public let fixedIn: String?
    public let demo: String?
    public let expect: [String]
    public let related: [String]
    public let sources: [String]
    public let path: String

    package enum CodingKeys: String, CodingKey {
        case slug, title, language, kind, tags, aliases, summary, affects
        case fixedIn = "fixed_in"
        case demo, expect, related, sources, path
    }

    package init(_ pattern: Pattern) {
        slug = pattern.slug
        title = pattern.title
        language = pattern.language
        kind = pattern.kind.rawValue
        tags = pattern.tags
        aliases = pattern.aliases
        summary = pattern.summary
        affects = pattern.affects
        fixedIn = pattern.fixedIn
        demo = pattern.demo
        expect = pattern.claims.map(\.value)
        related = pattern.related
        sources = pattern.sources
        path = pattern.path
    }
}
