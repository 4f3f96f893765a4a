import LeakKBModel

/// A pattern as the matcher sees it: its name and what its evidence looks like.
public struct SignedPattern: Sendable {
    public let slug: String
    public let title: String
    public let signatures: [Signature]

    public init(slug: String, title: String, signatures: [Signature]) {
        self.slug = slug
        self.title = title
        self.signatures = signatures
    }
}
