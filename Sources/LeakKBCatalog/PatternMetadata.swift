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
    public let claims: [Claim]
    /// The `observe:` lines, as the catalogue parsed them.
    public let observations: [Claim]
    public let related: [String]
    public let sources: [String]
    public let symptoms: [String]
    public let path: String

    package enum CodingKeys: String, CodingKey {
        case slug, title, language, kind, tags, aliases, summary, affects
        case fixedIn = "fixed_in"
        case demo, claims = "expect", observations = "observe", related, sources, symptoms, path
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
        observations = pattern.observations.map(\.value)
        related = pattern.related
        sources = pattern.sources
        symptoms = pattern.symptoms
        path = pattern.path
    }
}

extension PatternMetadata {
    /// Indexes written before `observe:` existed hold no such key: none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slug = try container.decode(String.self, forKey: .slug)
        title = try container.decode(String.self, forKey: .title)
        language = try container.decode(String.self, forKey: .language)
        kind = try container.decode(Kind.self, forKey: .kind)
        tags = try container.decode([String].self, forKey: .tags)
        aliases = try container.decode([String].self, forKey: .aliases)
        summary = try container.decode(String.self, forKey: .summary)
        affects = try container.decodeIfPresent(String.self, forKey: .affects)
        fixedIn = try container.decodeIfPresent(String.self, forKey: .fixedIn)
        demo = try container.decodeIfPresent(String.self, forKey: .demo)
        claims = try container.decode([Claim].self, forKey: .claims)
        observations = try container.decodeIfPresent([Claim].self, forKey: .observations) ?? []
        related = try container.decode([String].self, forKey: .related)
        sources = try container.decode([String].self, forKey: .sources)
        symptoms = try container.decodeIfPresent([String].self, forKey: .symptoms) ?? []
        path = try container.decode(String.self, forKey: .path)
    }
}
