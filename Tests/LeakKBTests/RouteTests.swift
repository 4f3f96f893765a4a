import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LeakKBServer

/// Every route of the server, in process through its router (HummingbirdTesting):
/// JSON shapes, statuses, errors, HEAD and 405, traversal, ETags and gzip.
/// What needs a socket (timeouts, descriptors, the port line, signals) is in
/// ServerTests and ServerLimitsTests, against the real binary.
@Suite struct RouteTests {
    let server: InProcessServer

    init() throws { server = try InProcessServer() }

    @Test func theAPIAnswersInItsShapes() async throws {
        let articles = InProcessServer.articles.count
        try await server.test { client in
            let health = try await client.get("/healthz").object
            #expect(health["status"] as? String == "ok" && health["patterns"] as? Int == articles)

            let search = try await client.get("/api/search?q=goroutine&limit=3&unknown=ignored")
            #expect(search.headers[.contentType]?.hasPrefix("application/json") == true)
            let results = try #require(search.object["results"] as? [[String: Any]])
            #expect(Set(results.compactMap { $0["slug"] as? String }) == Set(InProcessServer.goroutineLeaks))
            let first = try #require(results.first)
            #expect(first["snippet_html"] is String && first["score"] is Double && first["tags"] is [String])
            #expect(search.object["query"] as? String == "goroutine")

            let filtered = try await client.get("/api/search?q=map&kind=crash").object
            #expect((filtered["results"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["nil-map"])

            let myths = try await client.get("/api/patterns?kind=myth").object
            let slugs = (myths["patterns"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } ?? []
            #expect(Set(slugs) == Set(InProcessServer.myths) && slugs.count == InProcessServer.myths.count)
            let all = try await client.get("/api/patterns").object
            #expect((all["patterns"] as? [Any])?.count == articles)

            let detail = try await client.get("/api/patterns/nil-map").object
            #expect((detail["pattern"] as? [String: Any])?["title"] as? String == "Writing to a nil map panics")
            #expect((detail["html"] as? String)?.contains("<h2 id=\"symptom\">") == true)
            #expect(detail["latest_runs"] as? [Any] != nil)
            #expect(try await client.get("/api/patterns/nil-map/runs").object["runs"] as? [Any] != nil)

            let tags = try await client.get("/api/tags").object["tags"] as? [[String: Any]] ?? []
            #expect(tags.first { $0["name"] as? String == "map" }?["count"] as? Int == 4, "\(tags)")
        }
    }

    @Test func thePagesAnswer() async throws {
        try await server.test { client in
            let home = try await client.get("/")
            #expect(home.status == .ok && home.text.contains("Memory-leak patterns"))
            #expect(home.headers[.contentType]?.hasPrefix("text/html") == true)
            let page = try await client.get("/patterns/nil-map.html")
            #expect(page.text.contains("href=\"../assets/site.css\""))
            #expect(page.text.contains("Writing to a nil map panics"))
            for path in [
                "/index.html", "/claims.html", "/tags/map.html", "/languages/go.html", "/assets/site.css",
                "/assets/search.js", "/assets/search-data.js",
            ] {
                #expect(try await client.get(path).status == .ok, "\(path)")
            }
            let results = try await client.get("/search?q=ticker").text
            #expect(results.contains("patterns/ticker-not-stopped.html") && !results.contains("patterns/nil-map.html"))
        }
    }

    @Test func cachingHeaders() async throws {
        try await server.test { client in
            let first = try await client.get("/patterns/nil-map.html")
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "no-cache")
            let again = try await client.get("/patterns/nil-map.html", headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            let stale = try await client.get("/patterns/nil-map.html", headers: [.ifNoneMatch: "\"old\""])
            #expect(stale.status == .ok)
            #expect(try await client.get("/assets/site.css").headers[.cacheControl] == "public, max-age=300")
        }
    }

    /// The gzip form is decompressed by the gzip CLI: an independent check of the encoding.
    @Test func gzipWhenTheClientAsks() async throws {
        let scratch = server.catalogue.root + "/body.gz"
        try await server.test { client in
            for path in ["/patterns/nil-map.html", "/api/search?q=goroutine", "/assets/site.css"] {
                let plain = try await client.get(path)
                #expect(plain.headers[.contentEncoding] == nil && plain.headers[.vary] == "Accept-Encoding", "\(path)")
                let zipped = try await client.get(path, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8"])
                #expect(zipped.headers[.contentEncoding] == "gzip", "\(path): \(zipped.headers)")
                #expect(zipped.body.readableBytes < plain.body.readableBytes / 2, "\(path)")
                try Data(zipped.body.readableBytesView).write(to: URL(fileURLWithPath: scratch))
                let unzipped = try Shell.run("/bin/sh", ["-c", "gzip -dc < '\(scratch)'"])
                #expect(unzipped.status == 0 && unzipped.output == plain.text, "\(path)")
                let tag = try #require(zipped.headers[.eTag])
                #expect(tag.hasSuffix("-gz\"") && tag != plain.headers[.eTag], "\(path): gzip has its own ETag")
                let refused = try await client.get(path, headers: [.acceptEncoding: "gzip;q=0"])
                #expect(refused.headers[.contentEncoding] == nil, "\(path)")
            }
            let tiny = try await client.get("/healthz", headers: [.acceptEncoding: "gzip"])
            #expect(tiny.headers[.contentEncoding] == nil, "tiny answers stay plain")
        }
    }

    @Test func errorsAreJSONWithTheRightStatus() async throws {
        try await server.test { client in
            let missing = try await client.get("/api/patterns/nil-mapp")
            #expect(missing.status == .notFound && missing.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect((missing.object["error"] as? [String: Any])?["message"] as? String == "no pattern 'nil-mapp'")
            let bad = [
                "q=" + String(repeating: "a", count: 201), "q=x&limit=0", "q=x&limit=101", "q=x&limit=abc", "q=",
            ]
            for query in bad {
                let answer = try await client.get("/api/search?\(query)")
                #expect(answer.status == .badRequest && answer.object["error"] != nil, "\(query)")
            }
            #expect(try await client.get("/api/patterns?kind=bogus").status == .badRequest)
            #expect(try await client.execute(uri: "/api/tags", method: .delete).status == .methodNotAllowed)
            #expect(try await client.get("/api/patterns/nil-map/run").status == .methodNotAllowed)
            let run = try await client.execute(uri: "/api/patterns/nil-map/run", method: .post)
            #expect(
                run.status == .forbidden
                    && (run.object["error"] as? [String: Any])?["message"] as? String
                        == "demo runs are off; start the server with --allow-demo-runs"
            )
            let page404 = try await client.get("/no/such/page")
            #expect(page404.status == .notFound && page404.text.contains("<h1>Not found</h1>"))
            let api404 = try await client.get("/api/nothing")
            #expect(api404.status == .notFound && api404.object["error"] != nil)
        }
    }

    @Test func headOnEveryGetRouteAnd405Elsewhere() async throws {
        try await server.test { client in
            for path in [
                "/", "/patterns/nil-map.html", "/api/tags", "/api/patterns/nil-map", "/assets/site.css",
                "/healthz", "/search?q=map",
            ] {
                let get = try await client.get(path)
                let head = try await client.execute(uri: path, method: .head)
                #expect(head.status == .ok && head.body.readableBytes == 0, "HEAD \(path) → \(head.status)")
                let length = try #require(get.headers[.contentLength])
                #expect(head.headers[.contentLength] == length, "HEAD \(path) gives GET's length")
            }
            #expect(try await client.execute(uri: "/no/such/page", method: .head).status == .notFound)
            let refused: [(String, HTTPRequest.Method)] = [
                ("/patterns/nil-map.html", .post), ("/", .delete),
                ("/api/search?q=x", .put), ("/assets/site.css", .patch),
            ]
            for (path, method) in refused {
                let answer = try await client.execute(uri: path, method: method)
                #expect(answer.status == .methodNotAllowed, "\(method) \(path)")
                #expect(answer.headers[.allow] == "GET, HEAD", "\(method) \(path)")
            }
            let run = try await client.execute(uri: "/api/patterns/nil-map/run", method: .head)
            #expect(run.status == .methodNotAllowed && run.headers[.allow] == "POST")
        }
    }

    @Test func traversalIsRejected() async throws {
        try server.catalogue.write("secret.html", "the secret")
        try await server.test { client in
            for path in [
                "/api/patterns/%2e%2e", "/api/patterns/..%2f..%2fetc%2fpasswd",
                "/patterns/%2e%2e%2fsecret.html", "/patterns/..%2fContent%2ftags.yml.html",
                "/api/patterns/%2E%2E/runs", "/tags/..%2f..%2fsecret.html",
            ] {
                let answer = try await client.get(path)
                #expect([.badRequest, .notFound].contains(answer.status), "\(path) → \(answer.status)")
                #expect(!answer.text.contains("the secret"), "\(path)")
                #expect(!answer.text.contains("goroutine: goroutines"), "\(path): Content/tags.yml")
            }
        }
    }

    @Test func hostileQueriesNeverFail() async throws {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=?#")
        let queries = IndexTests.hostile.filter { $0.count <= 200 }
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        try await server.test { client in
            for query in queries {
                let answer = try await client.get("/api/search?q=\(query)")
                #expect([.ok, .badRequest].contains(answer.status), "\(query) → \(answer.status)")
                #expect(answer.object["results"] != nil || answer.object["error"] != nil, "\(query): \(answer.text)")
            }
        }
    }
}
