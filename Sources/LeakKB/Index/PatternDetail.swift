/// An article as the faces show it: metadata, rendered HTML, source Markdown.
public struct PatternDetail: Sendable, Codable {
    public let metadata: PatternMetadata
    public let markdown: String
    public let html: String
}

/// A tag with the number of articles using it.
public struct TagCount: Sendable, Codable, Hashable {
    public let name: String
    public let description: String
    public let count: Int
}
