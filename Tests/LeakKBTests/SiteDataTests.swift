import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LeakKB
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite

/// The catalogue as data (`patterns.json`, the API's record), the status
/// line of lists, the releases a pattern affects, and the 404 page.
@Suite struct SiteDataTests {
    static func run(_ toolchain: String, _ statuses: [(String, ClaimResult.Status)]) -> LatestRun {
        LatestRun(
            toolchain: toolchain, startedAt: "2026-11-29T10:00:00Z", leaky: nil, fixed: nil,
            claims: statuses.map { ClaimResult(claim: $0.0, status: $0.1, detail: "") },
            passed: !statuses.contains { $0.1 == .failed })
    }

    @Test func statusSaysHowManyClaimsHoldWhere() {
        let claims = ["a", "go<1.23: b"]
        let clean = ClaimStatus(
            claims: claims,
            runs: [
                Self.run("go1.27.3", [("a", .passed), ("go<1.23: b", .notApplicable)]),
                Self.run("go1.22.10", [("a", .passed), ("go<1.23: b", .passed)]),
            ])
        #expect(clean.sentence == "2 of 2 claims hold on go1.27.3 and go1.22.10, measured 2026-11-29")
        #expect(clean.holds && clean.measuredOn == "2026-11-29")
        let failing = ClaimStatus(
            claims: claims,
            runs: [
                Self.run("go1.27.3", [("a", .passed), ("go<1.23: b", .notApplicable)]),
                Self.run("go1.22.10", [("a", .failed), ("go<1.23: b", .passed)]),
            ])
        #expect(
            failing.sentence
                == "1 of 2 claims holds on go1.27.3 and go1.22.10 (1 failed on go1.22.10), measured 2026-11-29")
        #expect(!failing.holds && failing.failingOn == ["go1.22.10"] && failing.failing == ["a"])
        #expect(ClaimStatus(claims: claims, runs: []).sentence == "2 claims, not measured yet")
        #expect(ClaimStatus(claims: [String](), runs: []).sentence == "no claims to measure")
    }

    @Test func affectedReleasesComeFromTheLeadingConstraint() {
        func range(_ affects: String?, _ fixed: String? = nil) -> [String] {
            let versions = AffectedVersions(affects: affects, fixedIn: fixed)
            return [AffectedVersions.attribute(versions.from), AffectedVersions.attribute(versions.until)]
        }
        #expect(range(">=1.7") == ["1.7.0", ""])
        #expect(range(">=1.0", "1.22") == ["1.0.0", "1.22.0"])
        #expect(range("language version < 1.22 (go.mod go line)") == ["", "1.22.0"])
        #expect(range(">=1.0 (the goroutine); unreferenced tickers: <1.23") == ["1.0.0", ""])
        #expect(range(">=1.0", "1.23 when go.mod says go 1.23 or later; 1.27 whatever") == ["1.0.0", "1.23.0"])
        #expect(range(">1.20 and <=1.24") == ["1.21.0", "1.25.0"])
        #expect(range("every release", "never") == ["", ""])
        #expect(range(nil) == ["", ""])
    }

    /// Each entry of `patterns.json` is, key for key, what
    /// `/api/patterns/{slug}` answers without the article's HTML.
    @Test func patternsJSONHoldsTheAPIsRecords() async throws {
        let server = try InProcessServer()
        let pages = SitePages(index: server.knowledgeBase.index, templates: try Templates())
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(try pages.patternsJSON().utf8)) as? [String: Any])
        let entries = try #require(document["patterns"] as? [[String: Any]])
        #expect(
            Set(entries.compactMap { ($0["pattern"] as? [String: Any])?["slug"] as? String })
                == Set(InProcessServer.articles.keys))
        let answers = try await server.test { client in
            var answers: [String: [String: Any]] = [:]
            for slug in InProcessServer.articles.keys {
                let response = try await client.execute(uri: "/api/patterns/\(slug)", method: .get)
                answers[slug] =
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
            }
            return answers
        }
        for entry in entries {
            let slug = try #require((entry["pattern"] as? [String: Any])?["slug"] as? String)
            var answer = try #require(answers[slug])
            #expect(answer.removeValue(forKey: "html") != nil)
            #expect(NSDictionary(dictionary: answer).isEqual(to: entry), "\(slug)")
            #expect((entry["status"] as? [String: Any])?["claims"] != nil)
        }
    }

    /// Static hosts serve 404.html at whatever address was missing, at any
    /// depth: it links from the host's root and carries its styles inline.
    @Test func notFoundWorksAtAnyDepth() throws {
        let server = try InProcessServer()
        let page = SitePages(index: server.knowledgeBase.index, templates: try Templates()).notFound()
        let links = page.matches(of: /(?:href|src|action)="([^"]*)"/).map { String($0.output.1) }
        #expect(!links.isEmpty)
        for link in links where !link.hasPrefix("#") {
            #expect(link.hasPrefix("/"), "404.html links to '\(link)' relative to wherever it is served")
        }
        #expect(page.contains("<style>") && !page.contains("rel=\"stylesheet\""))
        #expect(!page.contains("rel=\"canonical\""))
    }

    /// Every list row says how its claims fared, from the recorded runs (none here).
    @Test func listRowsCarryTheirStatus() throws {
        let server = try InProcessServer()
        let index = server.knowledgeBase.index
        let home = try SitePages(index: index, templates: try Templates()).home()
        let rows = home.components(separatedBy: "<a class=\"row\"").count - 1
        #expect(rows == InProcessServer.articles.count)
        #expect(home.components(separatedBy: "<span class=\"status status-").count - 1 == rows)
        for pattern in try index.patterns() {
            let sentence = ClaimStatus(claims: pattern.claims, runs: []).sentence
            #expect(home.contains("patterns/\(pattern.slug).html\">"))
            #expect(home.contains("status-unknown\">\(sentence)</span>"), "\(pattern.slug): \(sentence)")
        }
    }
}
