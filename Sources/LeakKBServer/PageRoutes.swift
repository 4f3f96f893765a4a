import Hummingbird
import LeakKBCatalog
import LeakKBSite

/// The same pages as the exported site, rendered from the same templates,
/// plus `/search?q=` answered on the server.
struct PageRoutes: Sendable {
    let pages: SitePages
    let cache: ResponseCache

    static let paths: [RouterPath] = [
        "/", "/index.html", "/claims.html", "/search", "/patterns/{page}", "/demos/{page}", "/tags/{page}",
        "/languages/{page}", "/assets/site.css", "/assets/search.css", "/assets/search.js", "/assets/filters.js",
        "/assets/search-data.js", "/patterns.json", "/diagnose", "/assets/diagnose.js",
    ]

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try cache.answer(request, key: "home") { .html(try pages.home()) } }
        router.get("/index.html") { request, _ in try cache.answer(request, key: "home") { .html(try pages.home()) } }
        router.get("/claims.html") { request, _ in
            try cache.answer(request, key: "claims") { .html(try pages.claims()) }
        }
        router.get("/search") { request, _ in
            let text = request.uri.queryParameters["q"].map(String.init) ?? ""
            guard text.count <= ServerOptions.maximumQueryLength else {
                throw APIError.badRequest("q is longer than \(ServerOptions.maximumQueryLength) characters")
            }
            return cache.answer(request, key: ResponseCache.key("search", request, reading: ["q"])) {
                .html(pages.search(text))
            }
        }
        router.get("/diagnose") { request, _ in cache.answer(request, key: "diagnose") { .html(pages.diagnose()) } }
        named("/patterns/{page}", on: router, render: { try pages.pattern($0) })
        named("/demos/{page}", on: router, render: pages.demoSource)
        named("/tags/{page}", on: router, render: { try pages.tag($0) })
        named("/languages/{page}", on: router, render: { try pages.language($0) })
        asset("/assets/site.css", type: "text/css", on: router) { pages.templates.stylesheet }
        asset("/assets/search.css", type: "text/css", on: router) { pages.templates.searchStylesheet }
        asset("/assets/search.js", type: "text/javascript", on: router) { pages.templates.script }
        asset("/assets/filters.js", type: "text/javascript", on: router) { pages.templates.filterScript }
        asset("/assets/diagnose.js", type: "text/javascript", on: router) { pages.templates.diagnoseScript }
        router.get("/patterns.json") { request, _ in
            try cache.answer(request, key: "patterns.json") {
                CachedBody(ByteBuffer(string: try pages.patternsJSON()), contentType: "application/json; charset=utf-8")
            }
        }
        router.get("/assets/search-data.js") { request, _ in
            try cache.answer(request, key: "search-data") {
                CachedBody(ByteBuffer(string: try pages.searchData()), contentType: "text/javascript; charset=utf-8")
            }
        }
        router.refuse([.post, .put, .delete, .patch], at: Self.paths, allow: "GET, HEAD")
    }

    /// A page per name (`/patterns/nil-map.html`); 404 when the index has no such name.
    private func named(
        _ path: RouterPath, on router: Router<BasicRequestContext>,
        render: @escaping @Sendable (String) throws -> String?
    ) {
        router.get(path) { request, context in
            let name = try Self.name(context)
            return try cache.answer(request, key: "\(path)\u{0}\(name)") {
                guard let html = try render(name) else { throw HTTPError(.notFound) }
                return .html(html)
            }
        }
    }

    /// A file that changes only with the leakkb build, so clients may keep it a while.
    private func asset(
        _ path: RouterPath, type: String, on router: Router<BasicRequestContext>,
        text: @escaping @Sendable () -> String
    ) {
        router.get(path) { request, _ in
            cache.answer(request, key: path.description) {
                CachedBody(ByteBuffer(string: text()), contentType: "\(type); charset=utf-8", maxAge: 300)
            }
        }
    }

    /// `nil-map.html` → `nil-map`, refusing anything that is not a plain name.
    static func name(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("page")
        let decoded = raw.removingPercentEncoding ?? raw
        guard decoded.hasSuffix(".html") else { throw HTTPError(.notFound) }
        let name = String(decoded.dropLast(5))
        guard ArticleParser.isSlug(name) else {
            throw APIError.badRequest("'\(decoded.prefix(80))' is not a page name")
        }
        return name
    }
}
