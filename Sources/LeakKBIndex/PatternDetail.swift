import LeakKBCatalog
/// An article as the faces show it: metadata and rendered HTML (the
/// Markdown source is read from its file on demand: `Index.markdown(of:)`).
package struct PatternDetail: Sendable, Codable {
    package let metadata: PatternMetadata
    package let html: String
}

/// A tag with the number of articles using it.
package struct TagCount: Sendable, Codable, Hashable {
    package let name: String
    package let description: String
    package let count: Int
}
