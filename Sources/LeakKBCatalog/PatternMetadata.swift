import LeakKBModel

/// An article's front matter as plain data: read back from the index's
/// columns and child tables, and served by the API with the snake_case names
/// the front matter uses. The kind and the claims are typed: a stored value
/// that no longer reads as one is an error, not a default.
package struct PatternMetadata: Sendable, Codable, Hashable {
    package let slug: String
    package let title: String
    package let language: String
    package let kind: Kind
    package let tags: [String]
    package let aliases: [String]
    package let summary: String
    package let affects: String?
    package let fixedIn: String?
    package let demo: String?
    /// The `expect:` claims, as the catalogue parsed them.
    package let claims: [Claim]
    /// The `observe:` lines, as the catalogue parsed them.
    package let observations: [Claim]
    package let related: [String]
    package let sources: [String]
    package let symptoms: [String]
    /// What `leakkb diagnose` looks for in evidence of this pattern.
    package let signatures: [Signature]
    package let path: String

    package enum CodingKeys: String, CodingKey {
        case slug, title, language, kind, tags, aliases, summary, affects
        case fixedIn = "fixed_in"
        case demo, claims = "expect", observations = "observe", related, sources, symptoms, signatures, path
    }

    package init(
        slug: String, title: String, language: String, kind: Kind, tags: [String], aliases: [String],
        summary: String, affects: String?, fixedIn: String?, demo: String?, claims: [Claim], observations: [Claim],
        related: [String], sources: [String], symptoms: [String], signatures: [Signature] = [], path: String
    ) {
        self.slug = slug
        self.title = title
        self.language = language
        self.kind = kind
        self.tags = tags
        self.aliases = aliases
        self.summary = summary
        self.affects = affects
        self.fixedIn = fixedIn
        self.demo = demo
        self.claims = claims
        self.observations = observations
        self.related = related
        self.sources = sources
        self.symptoms = symptoms
        self.signatures = signatures
        self.path = path
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
        signatures = pattern.signatures.map(\.value)
        path = pattern.path
    }
}
