import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SwiftProtobuf
import Testing
@testable import LeakKB
@testable import LeakKBDiagnosis
@testable import LeakKBServer
@testable import LeakKBSite

/// `POST /api/diagnose` in process (HummingbirdTesting): the answer is what
/// `KnowledgeBase.diagnose` returns, encoded as the API encodes; only the
/// served origin with a body no page sends unasked; 413, 400, 405.
@Suite struct DiagnoseRouteTests {
    let catalogue: TemporaryKnowledgeBase
    let knowledgeBase: KnowledgeBase
    static let limit = 64 << 10
    static let dump = Repository.fixtures + "/evidence/go1.27.3/goroutine-blocked-send/leaky-goroutine-debug2.txt"

    init() throws {
        catalogue = try DiagnosisPageTests.knowledgeBase()
        knowledgeBase = try KnowledgeBase.open(root: catalogue.root) { _ in }
    }

    /// The router's test client sends `Host: localhost` without a port, so the
    /// server binds every address (no Host check); `Origin` is still checked.
    func test(
        concurrentDiagnoses: Int = 2, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var options = ServerOptions()
        options.concurrentDiagnoses = concurrentDiagnoses
        options.host = "0.0.0.0"
        options.diagnoseBytes = Self.limit
        var logger = Logger(label: "leakkb-test")
        logger.logLevel = .warning
        let app = try LeakKBServer.build(knowledgeBase: knowledgeBase, options: options, logger: logger)
        try await app.test(.router, body)
    }

    static let binary: HTTPFields = [.contentType: "application/octet-stream", .origin: "http://localhost"]

    @Test func aRealDumpGetsTheReportTheCommandGives() async throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.dump)))
        let expected = try knowledgeBase.diagnose(.text(bytes, name: "body"))
        #expect(!expected.suspects.isEmpty, "the fixture must name a pattern for the comparison to mean something")
        try await test { client in
            let answer = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: Self.binary, body: ByteBuffer(bytes: bytes))
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
            let report = try JSONDecoder().decode(DiagnosisReport.self, from: Data(answer.body.readableBytesView))
            #expect(report == expected)
            #expect(answer.object["schema"] as? Int == DiagnosisReport.schemaVersion)

            var html = Self.binary
            html[.accept] = "text/html,application/xhtml+xml;q=0.9"
            let page = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: html, body: ByteBuffer(bytes: bytes))
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let fragment = DiagnosisPage(templates: try Templates(), siteBase: "/").fragment(expected)
            #expect(page.text == fragment)
            #expect(page.text.contains("href=\"/patterns/blocked.html\">Senders block</a>"))
        }
    }

    @Test func aPprofProfileAndAForcedFormat() async throws {
        let profile: [UInt8] = try SyntheticProfile.goroutines(stacks: 3, framesPerStack: 2).serializedBytes()
        let expected = try knowledgeBase.diagnose(.text(profile, name: "body"))
        let debug1 = [UInt8](
            try Data(contentsOf: URL(fileURLWithPath: Repository.fixtures + "/dumps/go1.22-debug1.txt")))
        try await test { client in
            let answer = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: Self.binary, body: ByteBuffer(bytes: profile))
            #expect(answer.status == .ok, "\(answer.text)")
            let report = try JSONDecoder().decode(DiagnosisReport.self, from: Data(answer.body.readableBytesView))
            #expect(report == expected && report.format == .goroutinePprof)

            let forced = try await client.execute(
                uri: "/api/diagnose?format=goroutine-dump", method: .post, headers: Self.binary,
                body: ByteBuffer(bytes: debug1))
            #expect(forced.status == .badRequest)
            #expect(Self.message(forced).hasPrefix("body: line "), "\(forced.text)")
            let detected = try await client.execute(
                uri: "/api/diagnose?format=goroutine-profile&go=1.22", method: .post, headers: Self.binary,
                body: ByteBuffer(bytes: debug1))
            #expect(detected.object["format"] as? String == "goroutine-profile")
            #expect(detected.object["toolchain"] as? String == "go1.22.0")
        }
    }

    @Test func onlyTheServedOriginMaySendEvidence() async throws {
        let bytes = ByteBuffer(string: try String(contentsOfFile: Self.dump, encoding: .utf8))
        try await test { client in
            let crossSite = try await client.execute(
                uri: "/api/diagnose", method: .post,
                headers: [.contentType: "application/octet-stream", .origin: "http://evil.example"], body: bytes)
            #expect(crossSite.status == .forbidden)
            #expect(
                Self.message(crossSite) == "a diagnosis must come from a page of this server, not 'http://evil.example'"
            )
            // What a page anywhere may send without asking: refused as for demo runs, before anything is read.
            for type in ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; b=x"] {
                let simple = try await client.execute(
                    uri: "/api/diagnose", method: .post, headers: [.contentType: type, .origin: "http://localhost"],
                    body: bytes)
                #expect(simple.status == .unsupportedMediaType, "\(type)")
            }
            let untyped = try await client.execute(uri: "/api/diagnose", method: .post, body: bytes)
            #expect(untyped.status == .unsupportedMediaType)
            // Without Origin (curl), from this server's address: allowed.
            let curl = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: [.contentType: "application/octet-stream"], body: bytes)
            #expect(curl.status == .ok)
        }
    }

    @Test func refusalsSayWhy() async throws {
        try await test { client in
            let oversized = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: Self.binary,
                body: ByteBuffer(repeating: UInt8(ascii: "x"), count: Self.limit + 1))
            #expect(oversized.status == .contentTooLarge)
            #expect(Self.message(oversized).contains("larger than the \(Self.limit) bytes this server reads"))
            let atTheLimit = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: Self.binary,
                body: ByteBuffer(repeating: UInt8(ascii: "x"), count: Self.limit))
            #expect(atTheLimit.status == .badRequest, "at the limit the body is read, and refused for its content")

            let garbage = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: Self.binary, body: ByteBuffer(string: "hello\nworld\n"))
            #expect(garbage.status == .badRequest)
            #expect(Self.message(garbage).hasPrefix("body: line 1: expected a goroutine dump"), "\(garbage.text)")
            let binary = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: Self.binary,
                body: ByteBuffer(bytes: [0, 1, 2, 0xff, 0xfe]))
            #expect(binary.status == .badRequest, "\(binary.text)")

            for query in ["base=old.txt", "format=heap-ish", "go=banana"] {
                let refused = try await client.execute(
                    uri: "/api/diagnose?\(query)", method: .post, headers: Self.binary, body: ByteBuffer(string: "x"))
                #expect(refused.status == .badRequest, "\(query)")
            }
            let base = try await client.execute(
                uri: "/api/diagnose?base=x", method: .post, headers: Self.binary, body: ByteBuffer(string: "x"))
            #expect(Self.message(base).hasPrefix("base is not supported over HTTP"))

            for method in [HTTPRequest.Method.get, .head, .put] {
                let answer = try await client.execute(uri: "/api/diagnose", method: method)
                #expect(answer.status == .methodNotAllowed && answer.headers[.allow] == "POST", "\(method)")
            }
        }
    }

    @Test func whenEverySlotIsTakenTheAnswerIsComeBackLater() async throws {
        try await test(concurrentDiagnoses: 0) { client in
            let answer = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: Self.binary, body: ByteBuffer(string: "x"))
            #expect(answer.status == .tooManyRequests && answer.headers[.retryAfter] == "1")
            #expect(Self.message(answer) == "other diagnoses are running; try again shortly")
        }
    }

    /// A slot is taken for as long as its diagnosis runs, and given back when it ends, thrown or not.
    @Test func slotsAreHeldWhileTheyRun() async throws {
        let slots = DiagnosisSlots(limit: 1)
        let (started, startedSignal) = AsyncStream<Void>.makeStream()
        let (finish, finishSignal) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await slots.run {
                startedSignal.yield()
                for await _ in finish { break }
                return 1
            }
        }
        for await _ in started { break }
        await #expect(throws: DiagnosisSlots.Full.self) { try await slots.run { 2 } }
        finishSignal.yield()
        #expect(try await holder.value == 1)
        #expect(try await slots.run { 3 } == 3)
        await #expect(throws: CancellationError.self) { try await slots.run { throw CancellationError() } }
        #expect(try await slots.run { 4 } == 4, "a thrown diagnosis gives its slot back")
    }

    /// The paste page is the server's alone: linked from every served page,
    /// absent from the export, whose pages do not link it.
    @Test func thePastePageIsServedAndLinkedOnlyWhenServed() async throws {
        try await test { client in
            let page = try await client.get("/diagnose")
            #expect(page.status == .ok)
            #expect(page.text.contains("<label for=\"evidence-text\">") && page.text.contains("role=\"status\""))
            #expect(page.text.contains("data-endpoint=\"api/diagnose\""))
            #expect(page.text.contains("<option value=\"goroutine-pprof\">"))
            #expect(try await client.get("/assets/diagnose.js").text.contains("application/octet-stream"))
            let home = try await client.get("/")
            #expect(home.text.contains("<a href=\"diagnose\">Diagnose a dump</a>"))
            let pattern = try await client.get("/patterns/blocked.html")
            #expect(pattern.text.contains("<a href=\"../diagnose\">Diagnose a dump</a>"))
            #expect(try await client.execute(uri: "/diagnose", method: .post).status == .methodNotAllowed)
        }
        let site = FileManager.default.temporaryDirectory.path + "/leakkb-site-\(UUID().uuidString)"
        _ = try knowledgeBase.export(to: site)
        let home = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(home.contains("claims.html\">All claims</a>") && !home.contains("diagnose"))
        #expect(
            !FileManager.default.fileExists(atPath: site + "/diagnose")
                && !FileManager.default.fileExists(atPath: site + "/diagnose.html"))
    }

    static func message(_ response: TestResponse) -> String {
        (response.object["error"] as? [String: Any])?["message"] as? String ?? response.text
    }
}
