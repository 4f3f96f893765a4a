/// One number per file of the site, computed from everything the file is
/// made of before it is rendered: leakkb's own build, the templates, and
/// the index's revisions (a pattern page also from its demo's source). An
/// export links a file from the previous export, unrendered, when its key
/// is the one that export recorded.
struct PageKeys {
    /// The stylesheet, the script and the 404 page: the build and the templates only.
    let assets: UInt64
    /// Home, tag, language and claims pages: what lists of patterns show.
    let lists: UInt64
    /// The search data: every article, body included.
    let searchData: UInt64
    /// What every file is made of: the build and the templates.
    private let base: ContentHash
    /// The source of every demo a pattern names, hashed once.
    private let demos: [String: UInt64]

    init(pages: SitePages, revisions: [PageRevision]) throws {
        var base = ContentHash()
        base.add(Self.build)
        base.add(Int64(bitPattern: pages.templates.fingerprint))
        base.add(pages.serverSearch ? UInt8(1) : 0)
        self.base = base
        assets = base.value
        var lists = base
        lists.add(try pages.index.listingRevision())
        self.lists = lists.value
        var searchData = base
        searchData.add(try pages.index.catalogueRevision())
        self.searchData = searchData.value
        var demos: [String: UInt64] = [:]
        for page in revisions {
            guard let path = page.demoPath, demos[path] == nil else { continue }
            var hash = ContentHash()
            if let bytes = try? FileSystem.read(pages.index.root + "/" + path) { hash.add(bytes) } else { hash.add("missing") }
            demos[path] = hash.value
        }
        self.demos = demos
    }

    /// A pattern's page: its revision (own row, related rows, demo runs) and its demo's source.
    func pattern(_ page: PageRevision) -> UInt64 {
        var key = base
        key.add(page.revision)
        if let path = page.demoPath { key.add(Int64(bitPattern: demos[path] ?? 0)) }
        return key.value
    }

    /// This executable's size and modification time: any rebuild of leakkb
    /// may render pages differently. Where that cannot be read, a number of
    /// this run's own, so nothing is reused.
    static let build: String = FileSystem.status("/proc/self/exe").map { "\($0.size) \($0.modified)" }
        ?? "unknown \(UInt64.random(in: .min ... .max))"
}

extension PageRevision {
    var demoPath: String? { demo.map { DemoSource.path(language: language, demo: $0) } }
}
