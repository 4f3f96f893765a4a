import Foundation
import Hummingbird
import Synchronization
import Testing
@testable import LeakKB
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem
@testable import LeakKBTerminal

/// The response cache, the demo-run gate and the loopback test, in process.
struct ResponseCacheTests {
    static func request(_ path: String) -> Request {
        Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1", path: path),
            body: .init(buffer: ByteBuffer()))
    }

    static func body(_ text: String) -> CachedBody { CachedBody(ByteBuffer(string: text), contentType: "text/plain") }

    @Test func boundedInBytes() {
        let cache = ResponseCache(byteLimit: 64 << 10)
        let page = String(repeating: "x", count: 2_000)
        for i in 0..<2_000 {
            let request = Self.request("/search?q=word\(i)")
            _ = cache.answer(request, key: ResponseCache.key("search", request, reading: ["q"])) {
                Self.body(page + "\(i)")
            }
            #expect(cache.byteCount <= cache.byteLimit)
        }
        #expect(cache.byteCount > 32 << 10, "the cache is used, not just emptied")
    }

    @Test func parametersNoRouteReadsShareOneEntry() {
        let cache = ResponseCache(byteLimit: 1 << 20)
        var renders = 0
        for i in 0..<1_000 {
            let request = Self.request("/api/patterns?kind=leak&n=\(i)")
            _ = cache.answer(request, key: ResponseCache.key("patterns", request, reading: ["tag", "lang", "kind"])) {
                renders += 1
                return Self.body("patterns")
            }
        }
        #expect(renders == 1)
        let other = Self.request("/api/patterns?kind=crash")
        _ = cache.answer(other, key: ResponseCache.key("patterns", other, reading: ["tag", "lang", "kind"])) {
            renders += 1
            return Self.body("crash patterns")
        }
        #expect(renders == 2, "a parameter the route reads is part of the key")
    }

    /// A render that starts before a re-index and ends after it answers its
    /// own request but is not kept: the next request renders afresh.
    @Test func renderSpanningAnInvalidationIsNotKept() {
        let cache = ResponseCache(byteLimit: 1 << 20)
        let request = Self.request("/api/patterns")
        _ = cache.answer(request, key: "patterns") {
            cache.invalidate()  // the re-index commits while this render reads the old index
            return Self.body("3,040 patterns")
        }
        var rendered = false
        _ = cache.answer(request, key: "patterns") {
            rendered = true
            return Self.body("3,039 patterns")
        }
        #expect(rendered)
    }

    /// Three clients render while the index moves on under them; once it
    /// stops, every answer comes from the last generation.
    final class Generation: Sendable { let value = Mutex(0) }

    @Test func concurrentRendersNeverOutliveTheirGeneration() async {
        let cache = ResponseCache(byteLimit: 1 << 20)
        let generation = Generation()
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<3 {
                group.addTask {
                    for k in 0..<2_000 {
                        let request = Self.request("/api/patterns?k=\(k % 7)&c=\(client)")
                        _ = cache.answer(
                            request, key: ResponseCache.key("patterns", request, reading: ["tag", "lang", "kind"])
                        ) {
                            let seen = generation.value.withLock { $0 }
                            for _ in 0..<50 { _ = UUID() }  // rendering takes a while
                            return Self.body("\(seen)")
                        }
                    }
                }
            }
            group.addTask {
                for _ in 0..<500 {
                    generation.value.withLock { $0 += 1 }  // the re-index commits…
                    cache.invalidate()  // …then the server drops what it rendered before
                    await Task.yield()
                }
            }
        }
        let final = generation.value.withLock { $0 }
        let request = Self.request("/api/patterns")
        let answer = cache.answer(
            request, key: ResponseCache.key("patterns", request, reading: ["tag", "lang", "kind"])
        ) {
            Self.body("\(final)")
        }
        #expect(answer.headers[.eTag] == Self.body("\(final)").etag, "the cached answer is from generation \(final)")
    }

    @Test func demoRunsKeepTheirInterval() async throws {
        let gate = DemoRunGate(minimumInterval: .seconds(30))
        #expect(try await gate.run { 1 } == 1)
        await #expect(throws: DemoRunGate.TooSoon.self) { try await gate.run { 2 } }
        let open = DemoRunGate(minimumInterval: .zero)
        _ = try await open.run { 1 }
        #expect(try await open.run { 2 } == 2)
    }

    @Test func loopbackIsReadAsAnAddress() {
        for host in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "localhost", "0:0:0:0:0:0:0:1"] {
            #expect(ServerOptions.isLoopback(host), "\(host)")
        }
        for host in [
            "127.evil.example", "128.0.0.1", "::2", "::ffff:10.0.0.1", "0.0.0.0", "::", "", "1270.0.0.1", "evil",
        ] {
            #expect(!ServerOptions.isLoopback(host), "\(host)")
        }
    }
}
