import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import LeakKB
@testable import LeakKBIndex
@testable import LeakKBServer

/// The server's application (the routes and middleware `leakkb serve` runs)
/// answered in process through its router: no socket and no binary, over a
/// small catalogue the tests write, so every count they assert is one they
/// chose rather than the live catalogue's.
struct InProcessServer {
    let catalogue: TemporaryKnowledgeBase
    let knowledgeBase: KnowledgeBase
    var options = ServerOptions()

    init() throws {
        catalogue = try TemporaryKnowledgeBase(articles: Self.articles)
        knowledgeBase = try KnowledgeBase.open(root: catalogue.root) { _ in }
    }

    /// Sends the requests `body` makes to a freshly built application.
    func test<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        // Quiet: the access log's line per request would bury the test output.
        var logger = Logger(label: "leakkb-test")
        logger.logLevel = .warning
        let app = try LeakKBServer.build(knowledgeBase: knowledgeBase, options: options, logger: logger)
        return try await app.test(.router, body)
    }

    static let goroutineLeaks = ["goroutine-blocked-send", "goroutine-blocked-receive", "worker-without-quit"]
    static let myths = ["myth-map-open-addressing", "myth-map-assignment-copies"]

    /// Long, repetitive summaries so that answers pass gzip's minimum size and compress well.
    static let articles: [String: String] = {
        let filler = "It keeps memory that the program no longer needs, and the fix is short once the cause is known."
        func leak(_ title: String, kind: String, tags: String) -> String {
            TemporaryKnowledgeBase.article(
                title: title, kind: kind, tags: tags, summary: "\(title). \(filler)",
                body: TemporaryKnowledgeBase.body(kind: kind, words: filler))
        }
        var articles = [
            "nil-map": leak("Writing to a nil map panics", kind: "crash", tags: "[map, panic]"),
            "map-never-shrinks": leak("A map never shrinks after delete", kind: "retention", tags: "[map]"),
            "ticker-not-stopped": leak("A ticker that is never stopped", kind: "resource-leak", tags: "[channel]"),
        ]
        let goroutineTitles = [
            "A goroutine blocked on send", "A goroutine blocked on receive",
            "A goroutine worker without a quit channel",
        ]
        for (slug, title) in zip(goroutineLeaks, goroutineTitles) {
            articles[slug] = leak(title, kind: "goroutine-leak", tags: "[goroutine, channel]")
        }
        let mythTitles = ["The myth that Go maps use open addressing", "The myth that assigning a map copies it"]
        for (slug, title) in zip(myths, mythTitles) {
            articles[slug] = leak(title, kind: "myth", tags: "[map]")
        }
        return articles
    }()
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object, or empty when it is not one.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
}
