import LeakKBIndex
import LeakKBModel
import LeakKBSystem
/// One number per file of the site, computed from everything the file is
/// made of before it is rendered: leakkb's own build, the templates, and
/// the index's revisions (a pattern page also from its demo's source). An
/// export links a file from the previous export, unrendered, when its key
/// is the one that export recorded.
package struct PageKeys {
    /// The stylesheet, the script and the 404 page: the build and the templates only.
    package let assets: UInt64
    /// The search data: every article, body included, and no demo run.
    package let searchData: UInt64
    /// What every file is made of: the build and the templates.
    private let base: ContentHash
    /// Each pattern page's previous and next patterns (slugs and titles), which its links show.
    private let neighbours: [String: String]
    /// The same neighbours, for the pages themselves.
    package let around: Neighbours
    /// Each pattern's title, which its demo's page shows.
    private let titles: [String: String]

    /// The keys of the site of `pages`, whose patterns' `revisions` the exporter has read.
    package init(pages: SitePages, revisions: [PageRevision]) throws {
        var base = ContentHash()
        base.add(Self.build)
        base.add(Int64(bitPattern: pages.templates.fingerprint))
        base.add(pages.serverSearch ? UInt8(1) : 0)
        self.base = base
        assets = base.value
        var searchData = base
        searchData.add(try pages.index.articlesRevision())
        self.searchData = searchData.value
        // The revisions hold what orders the catalogue: no need to read every listing again.
        let order = SitePages.catalogueOrder(revisions, language: \.language, kind: \.kind, title: \.title)
        self.around = Neighbours(order: order.map { ($0.slug, $0.title) })
        var neighbours: [String: String] = [:]
        neighbours.reserveCapacity(order.count)
        // As text appended in place: interpolating and joining it took half of this initialiser.
        for (position, pattern) in order.enumerated() {
            var text = ""
            if position > 0 {
                text += order[position - 1].slug
                text += "\u{1F}"
                text += order[position - 1].title
            }
            text += "\u{1E}"
            if position + 1 < order.count {
                text += order[position + 1].slug
                text += "\u{1F}"
                text += order[position + 1].title
            }
            neighbours[pattern.slug] = text
        }
        self.neighbours = neighbours
        titles = Dictionary(order.map { ($0.slug, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    /// Home, tag and language pages: what lists of patterns show; the
    /// claims page: that and the demo runs.
    package func lists(_ index: Index) throws -> (lists: UInt64, claims: UInt64) {
        var key = base
        key.add(try index.listingRevision())
        let lists = key.value
        key.add(try index.runsRevision())
        return (lists, key.value)
    }

    /// Each pattern's page: its revision (own row, related rows, demo runs),
    /// its neighbours and its demo's source, each demo read once.
    package func patterns(_ revisions: [PageRevision], root: String) -> [UInt64] {
        var demos: [String: UInt64] = [:]
        return revisions.map { page in
            var key = base
            key.add(page.revision)
            key.add(neighbours[page.slug] ?? "")
            if let path = page.demoPath { key.add(Int64(bitPattern: Self.source(path, root: root, read: &demos))) }
            return key.value
        }
    }

    /// Each demo's own page: its pattern's title and the demo's source, not
    /// the runs (nil for a pattern without a demo).
    package func demoPages(_ revisions: [PageRevision], root: String) -> [UInt64?] {
        var demos: [String: UInt64] = [:]
        return revisions.map { page in
            guard let path = page.demoPath else { return nil }
            var key = base
            key.add(page.slug)
            key.add(titles[page.slug] ?? "")
            key.add(Int64(bitPattern: Self.source(path, root: root, read: &demos)))
            return key.value
        }
    }

    /// The hash of a demo's source, read once per export.
    private static func source(_ path: String, root: String, read demos: inout [String: UInt64]) -> UInt64 {
        if let known = demos[path] { return known }
        var hash = ContentHash()
        if let bytes = try? FileSystem.read(root + "/" + path) {
            hash.add(bytes)
        } else {
            hash.add("missing")
        }
        demos[path] = hash.value
        return hash.value
    }

    /// This executable's size and modification time: any rebuild of leakkb
    /// may render pages differently. Where that cannot be read, a number of
    /// this run's own, so nothing is reused.
    package static let build: String =
        FileSystem.status("/proc/self/exe").map { "\($0.size) \($0.modified)" }
        ?? "unknown \(UInt64.random(in: .min ... .max))"
}

extension PageRevision {
    package var demoPath: String? { demo.map { DemoSource.path(language: language, demo: $0) } }
}
