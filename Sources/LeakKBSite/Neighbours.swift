import LeakKBIndex

/// Each pattern's previous and next pattern in catalogue order, read once:
/// a pattern page links both, and its page key holds their titles.
package struct Neighbours: Sendable {
    /// A pattern a page links to as previous or next: what the link shows.
    package struct Neighbour: Sendable {
        package let slug: String
        package let title: String
    }

    private let around: [String: (previous: Neighbour?, next: Neighbour?)]

    package init(_ index: Index) throws {
        self.init(order: SitePages.catalogueOrder(try index.listings()).map { ($0.slug, $0.title) })
    }

    /// From the patterns' slugs and titles, already in catalogue order.
    package init(order: [(slug: String, title: String)]) {
        let order = order.map { Neighbour(slug: $0.slug, title: $0.title) }
        var around: [String: (previous: Neighbour?, next: Neighbour?)] = [:]
        around.reserveCapacity(order.count)
        for (position, pattern) in order.enumerated() {
            around[pattern.slug] = (
                position > 0 ? order[position - 1] : nil, position + 1 < order.count ? order[position + 1] : nil
            )
        }
        self.around = around
    }

    package func of(_ slug: String) -> (previous: Neighbour?, next: Neighbour?) {
        around[slug] ?? (nil, nil)
    }
}
