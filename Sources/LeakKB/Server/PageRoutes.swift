import Hummingbird

/// The same pages as the exported site, rendered from the same templates,
/// plus `/search?q=` answered on the server.
struct PageRoutes: Sendable {
    let pages: SitePages

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in Cached.html(try pages.home(), request: request) }
        router.get("/index.html") { request, _ in Cached.html(try pages.home(), request: request) }
        router.get("/claims.html") { request, _ in Cached.html(try pages.claims(), request: request) }
        router.get("/search") { request, _ in
            let text = request.uri.queryParameters["q"].map(String.init) ?? ""
            guard text.count <= ServerOptions.maximumQueryLength else {
                throw APIError.badRequest("q is longer than \(ServerOptions.maximumQueryLength) characters")
            }
            return Cached.html(pages.search(text), request: request)
        }
        router.get("/patterns/{page}") { request, context in
            guard let html = try pages.pattern(try Self.name(context)) else { throw HTTPError(.notFound) }
            return Cached.html(html, request: request)
        }
        router.get("/tags/{page}") { request, context in
            guard let html = try pages.tag(try Self.name(context)) else { throw HTTPError(.notFound) }
            return Cached.html(html, request: request)
        }
        router.get("/languages/{page}") { request, context in
            guard let html = try pages.language(try Self.name(context)) else { throw HTTPError(.notFound) }
            return Cached.html(html, request: request)
        }
        router.get("/assets/site.css") { request, _ in
            Cached.response(ByteBuffer(string: pages.templates.stylesheet), contentType: "text/css; charset=utf-8", request: request, maxAge: 300)
        }
        router.get("/assets/search.js") { request, _ in
            Cached.response(ByteBuffer(string: pages.templates.script), contentType: "text/javascript; charset=utf-8", request: request, maxAge: 300)
        }
        router.get("/assets/search-data.js") { request, _ in
            Cached.response(ByteBuffer(string: try pages.searchData()), contentType: "text/javascript; charset=utf-8", request: request)
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
