import LeakKBModel

/// A pattern as the matcher sees it: its name and what its evidence looks like.
package struct SignedPattern: Sendable {
    package let slug: String
    package let title: String
    package let signatures: [Signature]

    package init(slug: String, title: String, signatures: [Signature]) {
        self.slug = slug
        self.title = title
        self.signatures = signatures
    }
}
