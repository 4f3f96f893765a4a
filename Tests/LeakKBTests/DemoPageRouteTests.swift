import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LeakKB
@testable import LeakKBServer

/// The whole demo's page, served as the export writes it.
@Suite struct DemoPageRouteTests {
    @Test func theServerAnswersADemosPageAndRefusesOthers() async throws {
        let kb = try TemporaryKnowledgeBase(
            goroutineLeakDemo: "blocked", claims: ["leaky.after.goroutines >= 10 * fixed.after.goroutines"])
        try kb.write("Demos/go/blocked/main.go", "package main\n\nfunc main() { ch := make(chan int); ch <- 1 }\n")
        let knowledgeBase = try KnowledgeBase.open(root: kb.root) { _ in }
        var logger = Logger(label: "leakkb-test")
        logger.logLevel = .warning
        let app = try LeakKBServer.build(knowledgeBase: knowledgeBase, options: ServerOptions(), logger: logger)
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/demos/blocked.html", method: .get)
            let text = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(text.contains("<span class=\"k\">func</span> main()") && text.contains("Demos/go/blocked/main.go"))
            #expect(try await client.execute(uri: "/demos/none.html", method: .get).status == .notFound)
        }
    }
}
