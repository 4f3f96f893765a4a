import LeakKBIndex

/// Each pattern's previous and next pattern in catalogue order, read once:
/// a pattern page links both, and its page key holds their titles.
package struct Neighbours: Sendable {
    private let around: [String: (previous: PatternListing?, next: PatternListing?)]

    package init(_ index: Index) throws {
        self.init(order: SitePages.catalogueOrder(try index.listings()))
    }

    /// From the patterns already in catalogue order.
    package init(order: [PatternListing]) {
        var around: [String: (previous: PatternListing?, next: PatternListing?)] = [:]
        for (position, pattern) in order.enumerated() {
            around[pattern.slug] = (
                position > 0 ? order[position - 1] : nil, position + 1 < order.count ? order[position + 1] : nil
            )
        }
        self.around = around
    }

    package func of(_ slug: String) -> (previous: PatternListing?, next: PatternListing?) {
        around[slug] ?? (nil, nil)
    }
}
