import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// Smoke tests of the real `leakkb serve` on an ephemeral loopback port, over a
/// copy of the real catalogue, spoken to with a real HTTP client: what needs the
/// process and its sockets (the port line, --watch, another leakkb beside it,
/// SIGTERM). The routes themselves are tested in process, in RouteTests.
@Suite(.serialized) struct ServerTests {
    // Shared with request tasks; port and root are set once in init.
    final class Server: @unchecked Sendable {
        let process = Process()
        let root: String
        private(set) var port = 0
        /// The server's log: a file, not a pipe, so a busy server never blocks on a full pipe.
        let logPath: String

        /// `launcher` runs the server through another program (e.g. `prlimit` with its arguments).
        init(arguments: [String] = [], launcher: [String] = []) throws {
            root = FileManager.default.temporaryDirectory.path + "/leakkb-serve-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Repository.root + "/Content", toPath: root + "/Content")
            try FileManager.default.createDirectory(atPath: root + "/Demos", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Repository.root + "/Demos/go", toPath: root + "/Demos/go")
            let command = launcher + [Repository.binary, "serve", "--root", root, "--port", "0"] + arguments
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
            let out = Pipe()
            process.standardOutput = out
            logPath = root + ".log"
            FileManager.default.createFile(atPath: logPath, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: logPath)
            try process.run()
            let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            guard let portText = line.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines),
                let port = Int(portText)
            else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no port in '\(line)'"])
            }
            self.port = port
        }

        func get(
            _ path: String, method: String = "GET", headers: [String: String] = [:]
        ) async throws -> (status: Int, body: Data, headers: [AnyHashable: Any]) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = response as! HTTPURLResponse
            return (http.statusCode, data, http.allHeaderFields)
        }

        func json(_ path: String) async throws -> (status: Int, object: [String: Any]) {
            let answer = try await get(path)
            return (answer.status, (try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]) ?? [:])
        }

        /// The server's resident memory (`VmRSS`), in KiB.
        var residentKiB: Int {
            let status =
                (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }

        /// CPU time the server has used, user and system, in clock ticks.
        var cpuTicks: Int {
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            return fields.count > 13 ? (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0) : 0
        }

        func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    /// The binary starts, says its port on stdout, and serves a page and the API
    /// through real sockets; every route's answers are in RouteTests, in process.
    @Test func startsAndAnswersOnItsPort() async throws {
        let server = try Server()
        defer { server.stop() }
        let health = try await server.json("/healthz")
        let count = try Index(root: server.root).patternCount()
        #expect(health.status == 200 && health.object["patterns"] as? Int == count)
        let page = try await server.get("/patterns/nil-map.html")
        #expect(
            page.status == 200 && String(decoding: page.body, as: UTF8.self).contains("href=\"../assets/site.css\""))
        let detail = try await server.json("/api/patterns/nil-map")
        #expect((detail.object["pattern"] as? [String: Any])?["slug"] as? String == "nil-map")
        #expect(try await server.json("/api/patterns/nil-mapp").status == 404)
    }

    /// Requests keep succeeding while --watch re-indexes edited content, and
    /// an invalid edit keeps the previous index in service. Requests must span
    /// each phase (not reach a count): a loaded machine answers fewer, not none.
    @Test func watchReindexesWithoutFailingRequests() async throws {
        let server = try Server(arguments: ["--watch"])
        defer { server.stop() }
        let article = server.root + "/Content/go/nil-map.md"
        let original = try String(contentsOfFile: article, encoding: .utf8)
        // A class, so the request task and this test share one tally.
        final class Tally: Sendable { let state = Mutex((count: 0, failures: 0, stop: false)) }
        let tally = Tally()
        let requests = Task {
            // Bounded in count as well as by the flag, so the loop always ends.
            while tally.state.withLock({ !$0.stop && $0.count < 5_000 }) {
                let answer = try await server.get("/api/search?q=nil+map&limit=5")
                tally.state.withLock {
                    $0.count += 1
                    if answer.status != 200 { $0.failures += 1 }
                }
            }
        }
        /// Waits (bounded) until a request has been answered since `count`.
        func anotherAnswer(after count: Int) async throws -> Bool {
            for _ in 0..<300 where tally.state.withLock({ $0.count }) <= count {
                try await Task.sleep(for: .milliseconds(100))
            }
            return tally.state.withLock { $0.count } > count
        }
        #expect(try await anotherAnswer(after: 0))
        try original.replacingOccurrences(
            of: "title: Writing to a nil map panics", with: "title: Writing to a nil map panics (edited)"
        )
        .write(toFile: article, atomically: true, encoding: .utf8)
        let whileEditing = tally.state.withLock { $0.count }
        var edited = false
        for _ in 0..<50 where !edited {
            try await Task.sleep(for: .milliseconds(100))
            edited =
                (try await server.json("/api/patterns/nil-map").object["pattern"] as? [String: Any])?["title"]
                as? String == "Writing to a nil map panics (edited)"
        }
        #expect(edited)
        #expect(try await anotherAnswer(after: whileEditing), "requests answered across the re-index")
        try original.replacingOccurrences(of: "tags: [map, initialization, panic]", with: "tags: [nope]").write(
            toFile: article, atomically: true, encoding: .utf8)
        let whileInvalid = tally.state.withLock { $0.count }
        try await Task.sleep(for: .milliseconds(2500))
        #expect(try await anotherAnswer(after: whileInvalid), "requests answered while Content/ is invalid")
        #expect(
            (try await server.json("/api/patterns/nil-map").object["pattern"] as? [String: Any])?["title"] as? String
                == "Writing to a nil map panics (edited)")
        tally.state.withLock { $0.stop = true }
        try await requests.value
        let (count, failures, _) = tally.state.withLock { $0 }
        #expect(failures == 0, "\(failures) of \(count) requests failed")
    }

    @Test func aDeletedIndexAndRunsRecordedElsewhereAreSeen() async throws {
        let server = try Server()
        defer { server.stop() }
        let runs = { (try await server.json("/api/patterns/nil-map/runs").object["runs"] as? [Any])?.count }
        let before = try await runs()
        // Another leakkb records a run into the same knowledge base: the cached answer must not hide it.
        var leaky = VariantRun(variant: .leaky, exitStatus: "exited with status 0", seconds: 0.1, stderrTail: "")
        leaky.before = ["heap_inuse": 1_000]
        leaky.after = ["heap_inuse": 2_000]
        let figures = DemoFigures(toolchain: GoVersion("go1.27.3")!, leaky: leaky, fixed: nil)
        try Index(root: server.root).record(
            DemoReport(
                pattern: "nil-map", kind: .crash, claims: [], figures: figures,
                cached: true, buildSeconds: 0, startedAt: Date()))
        #expect(try await runs() == (before ?? 0) + 1)

        // The index file deleted under the server: it reopens, re-indexes, and the run is still there.
        for suffix in ["", "-wal", "-shm"] { unlink(server.root + "/.leakkb/index.sqlite" + suffix) }
        let health = try await server.json("/healthz")
        let articles = try FileManager.default.contentsOfDirectory(atPath: server.root + "/Content/go").filter {
            $0.hasSuffix(".md")
        }
        #expect(health.status == 200 && health.object["patterns"] as? Int == articles.count)
        #expect(FileManager.default.fileExists(atPath: server.root + "/.leakkb/index.sqlite"))
        #expect(try await runs() == (before ?? 0) + 1)
        #expect(try await server.json("/api/patterns/nil-map").status == 200)
    }

    @Test func sigtermShutsDownCleanly() async throws {
        let server = try Server()
        #expect(try await server.get("/healthz").status == 200)
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(server.process.terminationReason == .exit)
        let log = try String(contentsOfFile: server.logPath, encoding: .utf8)
        #expect(log.contains("GET /healthz 200"))
    }
}
