import Foundation
import Hummingbird
import LeakKB
import LeakKBCatalog
import LeakKBDemos
import LeakKBIndex
import LeakKBModel
import ServiceLifecycle

/// `/api/…` and `/healthz`: the JSON API over the index.
struct APIRoutes: Sendable {
    let knowledgeBase: KnowledgeBase
    var index: Index { knowledgeBase.index }
    let options: ServerOptions
    let cache: ResponseCache
    let origin: ServedOrigin
    let gate: DemoRunGate

    static let paths: [RouterPath] = [
        "/healthz", "/api/search", "/api/patterns", "/api/patterns/{slug}", "/api/patterns/{slug}/runs", "/api/tags",
    ]

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { request, _ in
            // Not cached, so it looks for replaced files itself.
            _ = try index.servedGeneration()
            return try JSONResponse.make(Health(status: "ok", patterns: try index.patternCount()))
        }
        router.get("/api/search") { request, _ in
            try cache.answer(
                request, key: ResponseCache.key("search", request, reading: ["q", "tag", "lang", "kind", "limit"])
            ) {
                try search(request)
            }
        }
        router.get("/api/patterns") { request, _ in
            try cache.answer(request, key: ResponseCache.key("patterns", request, reading: ["tag", "lang", "kind"])) {
                let filter = try SearchQuery(
                    tag: parameter(request, "tag"), language: parameter(request, "lang"), kind: kind(request))
                return try JSONResponse.body(PatternList(patterns: try index.patterns(matching: filter)))
            }
        }
        router.get("/api/patterns/{slug}") { request, context in
            let slug = try Self.slug(context)
            return try cache.answer(request, key: "pattern\u{0}\(slug)") {
                guard let detail = try index.pattern(slug) else { throw APIError.notFound("no pattern '\(slug)'") }
                let record = PatternRecord(pattern: detail.metadata, latestRuns: try index.latestRuns(of: slug))
                return try JSONResponse.body(PatternAnswer(record: record, html: detail.html))
            }
        }
        router.get("/api/patterns/{slug}/runs") { request, context in
            let slug = try Self.slug(context)
            return try cache.answer(request, key: "runs\u{0}\(slug)") {
                guard try index.pattern(slug) != nil else { throw APIError.notFound("no pattern '\(slug)'") }
                return try JSONResponse.body(RunList(runs: try index.runs(of: slug)))
            }
        }
        router.post("/api/patterns/{slug}/run") { request, context in try await run(try Self.slug(context), request) }
        router.get("/api/tags") { request, _ in
            try cache.answer(request, key: "tags") { try JSONResponse.body(TagsAnswer(tags: try index.tags())) }
        }
        router.refuse([.post, .put, .delete, .patch], at: Self.paths, allow: "GET, HEAD")
        router.refuse([.get, .head, .put, .delete, .patch], at: ["/api/patterns/{slug}/run"], allow: "POST")
    }

    private func search(_ request: Request) throws -> CachedBody {
        let text = parameter(request, "q") ?? ""
        guard text.count <= ServerOptions.maximumQueryLength else {
            throw APIError.badRequest("q is longer than \(ServerOptions.maximumQueryLength) characters")
        }
        let limit = try limit(request)
        let query = try SearchQuery(
            parsing: text, tag: parameter(request, "tag"), language: parameter(request, "lang"),
            kind: parameter(request, "kind"))
        let hits = try knowledgeBase.search(query, limit: limit)
        return try JSONResponse.body(SearchAnswer(query: text, results: hits))
    }

    private func run(_ slug: String, _ request: Request) async throws -> Response {
        guard options.allowDemoRuns, let toolchain = options.toolchain else {
            throw APIError(status: .forbidden, message: "demo runs are off; start the server with --allow-demo-runs")
        }
        try origin.check(request)
        _ = try index.servedGeneration()  // record into the files that are there now
        guard try index.pattern(slug) != nil else { throw APIError.notFound("no pattern '\(slug)'") }
        // Busy, too soon or a DemoError: ErrorMiddleware answers them (429, 422).
        let report = try await gate.run {
            // Shutting down waits for requests in flight: a demo must not hold it up
            // for its whole timeout. Killed, it fails, and nothing is recorded; one
            // that starts after the shutdown began is killed as it starts.
            try await withGracefulShutdownHandler {
                try await knowledgeBase.runDemo(slug, on: toolchain, timeout: options.demoTimeout)
            } onGracefulShutdown: {
                ChildProcessGroups.shared.stopAll()
            }
        }
        cache.invalidate()  // the pattern's pages and runs now show this run
        return try JSONResponse.make(report)
    }

    // MARK: - Parameters

    private func parameter(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    private func kind(_ request: Request) throws -> Kind? {
        guard let name = parameter(request, "kind") else { return nil }
        guard let kind = Kind(rawValue: name) else {
            throw APIError.badRequest("unknown kind '\(name)' (known: \(Kind.names))")
        }
        return kind
    }

    private func limit(_ request: Request) throws -> Int {
        guard let text = parameter(request, "limit") else { return 10 }
        guard let value = Int(text), ServerOptions.limits.contains(value) else {
            throw APIError.badRequest("limit must be a whole number from 1 to 100")
        }
        return value
    }

    /// The `{slug}` of the path, percent-decoded, and only if it could be a
    /// slug: nothing from a request ever becomes a file-system path.
    static func slug(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("slug")
        let decoded = raw.removingPercentEncoding ?? raw
        guard ArticleParser.isSlug(decoded) else {
            throw APIError.badRequest("'\(decoded.prefix(80))' is not a pattern slug")
        }
        return decoded
    }
}

// MARK: - Answers (field names are the API's contract; see README)

/// `GET /api/health`: that the server answers, and how many patterns it serves.
struct Health: Encodable {
    let status: String
    let patterns: Int
}

/// `GET /api/search`: the query as read and the ranked results.
struct SearchAnswer: Encodable {
    let query: String
    let results: [SearchHit]
}

/// `GET /api/patterns`: every pattern's front matter, filtered.
struct PatternList: Encodable { let patterns: [PatternMetadata] }

/// `GET /api/patterns/{slug}/runs`: the recorded runs, newest first.
struct RunList: Encodable { let runs: [RecordedRun] }

/// `GET /api/tags`: every tag with its count.
struct TagsAnswer: Encodable { let tags: [TagCount] }

/// A pattern's record (the schema of the site's `patterns.json` entries) and its article as HTML.
struct PatternAnswer: Encodable {
    let record: PatternRecord
    let html: String

    enum CodingKeys: String, CodingKey { case html }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(html, forKey: .html)
    }
}
