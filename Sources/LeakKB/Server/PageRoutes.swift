import Hummingbird

/// The same pages as the exported site, rendered from the same templates,
/// plus `/search?q=` answered on the server.
struct PageRoutes: Sendable {
    let pages: SitePages
    let cache: ResponseCache

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try cache.answer(request) { .html(try pages.home()) } }
        router.get("/index.html") { request, _ in try cache.answer(request) { .html(try pages.home()) } }
        router.get("/claims.html") { request, _ in try cache.answer(request) { .html(try pages.claims()) } }
        router.get("/search") { request, _ in
            let text = request.uri.queryParameters["q"].map(String.init) ?? ""
            guard text.count <= ServerOptions.maximumQueryLength else {
                throw APIError.badRequest("q is longer than \(ServerOptions.maximumQueryLength) characters")
            }
            return cache.answer(request) { .html(pages.search(text)) }
        }
        named("/patterns/{page}", on: router, render: pages.pattern)
        named("/tags/{page}", on: router, render: pages.tag)
        named("/languages/{page}", on: router, render: pages.language)
        router.get("/assets/site.css") { request, _ in
            cache.answer(request) { CachedBody(ByteBuffer(string: pages.templates.stylesheet), contentType: "text/css; charset=utf-8", maxAge: 300) }
        }
        router.get("/assets/search.js") { request, _ in
            cache.answer(request) { CachedBody(ByteBuffer(string: pages.templates.script), contentType: "text/javascript; charset=utf-8", maxAge: 300) }
        }
        router.get("/assets/search-data.js") { request, _ in
            try cache.answer(request) { CachedBody(ByteBuffer(string: try pages.searchData()), contentType: "text/javascript; charset=utf-8") }
        }
    }

    /// A page per name (`/patterns/nil-map.html`); 404 when the index has no such name.
    private func named(_ path: RouterPath, on router: Router<BasicRequestContext>,
                       render: @escaping @Sendable (String) throws -> String?) {
        router.get(path) { request, context in
            let name = try Self.name(context)
            return try cache.answer(request) {
                guard let html = try render(name) else { throw HTTPError(.notFound) }
                return .html(html)
            }
        }
    }

    /// `nil-map.html` → `nil-map`, refusing anything that is not a plain name.
    static func name(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("page")
        let decoded = raw.removingPercentEncoding ?? raw
        guard decoded.hasSuffix(".html") else { throw HTTPError(.notFound) }
        let name = String(decoded.dropLast(5))
        guard ArticleParser.isSlug(name) else { throw APIError.badRequest("'\(decoded.prefix(80))' is not a page name") }
        return name
    }
}
