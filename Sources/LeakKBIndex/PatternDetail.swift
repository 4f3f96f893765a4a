import LeakKBCatalog
/// An article as the faces show it: metadata and rendered HTML (the
/// Markdown source is read from its file on demand: `Index.markdown(of:)`).
public struct PatternDetail: Sendable, Codable {
    public let metadata: PatternMetadata
    public let html: String
}

/// A tag with the number of articles using it.
public struct TagCount: Sendable, Codable, Hashable {
    public let name: String
    public let description: String
    public let count: Int
}
