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
@testable import LeakKBMarkdown
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem
@testable import LeakKBTerminal

/// The real `leakkb serve` on an ephemeral loopback port, over a copy of the
/// real catalogue, spoken to with a real HTTP client.
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
            guard let portText = line.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines), let port = Int(portText) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no port in '\(line)'"])
            }
            self.port = port
        }

        func get(_ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> (status: Int, body: Data, headers: [AnyHashable: Any]) {
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
            let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
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

    @Test func everyRouteAnswers() async throws {
        let server = try Server()
        defer { server.stop() }
        #expect(try await server.json("/healthz").object["status"] as? String == "ok")
        let search = try await server.json("/api/search?q=goroutine&limit=3&unknown=ignored")
        let results = try #require(search.object["results"] as? [[String: Any]])
        #expect(results.count == 3 && results.allSatisfy { $0["kind"] as? String == "goroutine-leak" })
        #expect(results[0]["snippet_html"] as? String != nil && results[0]["score"] as? Double != nil)
        let filtered = try await server.json("/api/search?q=map&kind=crash")
        #expect((filtered.object["results"] as? [[String: Any]])?.allSatisfy { $0["kind"] as? String == "crash" } == true)
        let patterns = try await server.json("/api/patterns?kind=myth")
        #expect((patterns.object["patterns"] as? [[String: Any]])?.count == 5)
        let detail = try await server.json("/api/patterns/nil-map")
        #expect((detail.object["pattern"] as? [String: Any])?["title"] as? String == "Writing to a nil map panics")
        #expect((detail.object["html"] as? String)?.contains("<h2 id=\"symptom\">") == true)
        #expect(detail.object["latest_runs"] as? [Any] != nil)
        #expect(try await server.json("/api/patterns/nil-map/runs").object["runs"] as? [Any] != nil)
        #expect(((try await server.json("/api/tags")).object["tags"] as? [[String: Any]])?.contains { $0["name"] as? String == "map" } == true)

        let home = try await server.get("/")
        #expect(home.status == 200 && String(decoding: home.body, as: UTF8.self).contains("Memory-leak patterns"))
        #expect((home.headers["Content-Type"] as? String)?.hasPrefix("text/html") == true)
        let page = try await server.get("/patterns/nil-map.html")
        #expect(String(decoding: page.body, as: UTF8.self).contains("href=\"../assets/site.css\""))
        for path in ["/claims.html", "/tags/map.html", "/languages/go.html", "/assets/site.css", "/assets/search.js", "/assets/search-data.js"] {
            #expect(try await server.get(path).status == 200, "\(path)")
        }
        let results2 = String(decoding: try await server.get("/search?q=ticker").body, as: UTF8.self)
        #expect(results2.contains("patterns/ticker-not-stopped.html"))
    }

    @Test func cachingHeaders() async throws {
        let server = try Server()
        defer { server.stop() }
        let first = try await server.get("/patterns/nil-map.html")
        let tag = try #require(first.headers["Etag"] as? String ?? first.headers["ETag"] as? String)
        #expect(first.headers["Cache-Control"] as? String == "no-cache")
        #expect(try await server.get("/patterns/nil-map.html", headers: ["If-None-Match": tag]).status == 304)
        #expect((try await server.get("/assets/site.css")).headers["Cache-Control"] as? String == "public, max-age=300")
    }

    /// Raw bytes through the curl CLI (URLSession would decode gzip behind our
    /// back), decompressed by the gzip CLI: an independent check of the encoding.
    @Test func gzipWhenTheClientAsks() async throws {
        let server = try Server()
        defer { server.stop() }
        func fetch(_ path: String, acceptEncoding: String?) throws -> (headers: String, body: Data) {
            let file = server.root + ".body"
            let result = try Shell.run("/usr/bin/curl", ["-s", "-D", "-", "-o", file, "http://127.0.0.1:\(server.port)\(path)"]
                                       + (acceptEncoding.map { ["-H", "Accept-Encoding: \($0)"] } ?? []))
            return (result.output.lowercased(), try Data(contentsOf: URL(fileURLWithPath: file)))
        }
        for path in ["/patterns/nil-map.html", "/api/search?q=goroutine", "/assets/site.css"] {
            let plain = try fetch(path, acceptEncoding: nil)
            #expect(!plain.headers.contains("content-encoding") && plain.headers.contains("vary: accept-encoding"), "\(path)")
            let zipped = try fetch(path, acceptEncoding: "br;q=1.0, gzip;q=0.8")
            #expect(zipped.headers.contains("content-encoding: gzip"), "\(path): \(zipped.headers)")
            #expect(zipped.body.count < plain.body.count / 2, "\(path)")
            let unzipped = try Shell.run("/bin/sh", ["-c", "gzip -dc < '\(server.root).body'"])
            #expect(unzipped.status == 0 && unzipped.output == String(decoding: plain.body, as: UTF8.self), "\(path)")
            let tag = try #require(zipped.headers.split(separator: "\r\n").first { $0.hasPrefix("etag:") }?.dropFirst(6))
            #expect(tag.hasSuffix("-gz\"") && !plain.headers.contains(String(tag)), "\(path): the gzip form has its own ETag")
            #expect(try fetch(path, acceptEncoding: "gzip;q=0").headers.contains("content-encoding") == false, "\(path)")
        }
        #expect(try fetch("/healthz", acceptEncoding: "gzip").headers.contains("content-encoding") == false, "tiny answers stay plain")
    }

    @Test func errorsAreJSONWithTheRightStatus() async throws {
        let server = try Server()
        defer { server.stop() }
        let missing = try await server.json("/api/patterns/nil-mapp")
        #expect(missing.status == 404)
        #expect((missing.object["error"] as? [String: Any])?["message"] as? String == "no pattern 'nil-mapp'")
        #expect(try await server.json("/api/search?q=" + String(repeating: "a", count: 201)).status == 400)
        #expect(try await server.json("/api/search?q=x&limit=0").status == 400)
        #expect(try await server.json("/api/search?q=x&limit=101").status == 400)
        #expect(try await server.json("/api/search?q=x&limit=abc").status == 400)
        #expect(try await server.json("/api/search?q=").status == 400)
        #expect(try await server.json("/api/patterns?kind=bogus").status == 400)
        #expect(try await server.get("/api/tags", method: "DELETE").status == 405)
        #expect(try await server.get("/api/patterns/nil-map/run", method: "GET").status == 405)
        #expect(try await server.get("/api/patterns/nil-map/run", method: "POST").status == 403)
        let page404 = try await server.get("/no/such/page")
        #expect(page404.status == 404 && String(decoding: page404.body, as: UTF8.self).contains("<h1>Not found</h1>"))
        #expect(try await server.json("/api/nothing").status == 404)
    }

    @Test func traversalIsRejected() async throws {
        let server = try Server()
        defer { server.stop() }
        for path in ["/api/patterns/%2e%2e", "/api/patterns/..%2f..%2fetc%2fpasswd", "/patterns/%2e%2e%2f%2e%2e%2fPackage.swift.html",
                     "/patterns/..%2fREADME.md", "/api/patterns/%2E%2E/runs", "/tags/..%2f..%2fetc.html"] {
            let answer = try await server.get(path)
            #expect([400, 404].contains(answer.status), "\(path) → \(answer.status)")
            #expect(!String(decoding: answer.body, as: UTF8.self).contains("swift-tools-version"))
        }
    }

    @Test func hostileQueriesNeverFail() async throws {
        let server = try Server()
        defer { server.stop() }
        for text in IndexTests.hostile where text.count <= 200 {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&+=?#")
            let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            let answer = try await server.get("/api/search?q=\(encoded)")
            #expect([200, 400].contains(answer.status), "\(text.debugDescription) → \(answer.status)")
            #expect((try? JSONSerialization.jsonObject(with: answer.body)) != nil)
        }
    }

    /// Requests keep succeeding while --watch re-indexes edited content, and
    /// an invalid edit keeps the previous index in service.
    @Test func watchReindexesWithoutFailingRequests() async throws {
        let server = try Server(arguments: ["--watch"])
        defer { server.stop() }
        let article = server.root + "/Content/go/nil-map.md"
        let original = try String(contentsOfFile: article, encoding: .utf8)
        let stop = Mutex(false)
        let requests = Task {
            var failures = 0, count = 0
            // Bounded in count as well as by the flag, so the loop always ends.
            while !stop.withLock({ $0 }) && count < 5_000 {
                let answer = try await server.get("/api/search?q=nil+map&limit=5")
                if answer.status != 200 { failures += 1 }
                count += 1
            }
            return (failures, count)
        }
        try original.replacingOccurrences(of: "title: Writing to a nil map panics", with: "title: Writing to a nil map panics (edited)")
            .write(toFile: article, atomically: true, encoding: .utf8)
        var edited = false
        for _ in 0..<50 where !edited {
            try await Task.sleep(for: .milliseconds(100))
            edited = (try await server.json("/api/patterns/nil-map").object["pattern"] as? [String: Any])?["title"] as? String == "Writing to a nil map panics (edited)"
        }
        #expect(edited)
        try original.replacingOccurrences(of: "tags: [map, initialization, panic]", with: "tags: [nope]").write(toFile: article, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(2500))
        #expect((try await server.json("/api/patterns/nil-map").object["pattern"] as? [String: Any])?["title"] as? String == "Writing to a nil map panics (edited)")
        stop.withLock { $0 = true }
        let (failures, count) = try await requests.value
        #expect(failures == 0 && count > 20, "\(failures) of \(count) requests failed")
    }

    @Test func aDeletedIndexAndRunsRecordedElsewhereAreSeen() async throws {
        let server = try Server()
        defer { server.stop() }
        let runs = { (try await server.json("/api/patterns/nil-map/runs").object["runs"] as? [Any])?.count }
        let before = try await runs()
        // Another leakkb records a run into the same knowledge base: the cached answer must not hide it.
        var leaky = VariantRun(variant: "leaky", exitStatus: "exited with status 0", seconds: 0.1, stderrTail: "")
        leaky.before = ["heap_inuse": 1_000]
        leaky.after = ["heap_inuse": 2_000]
        let figures = DemoFigures(toolchain: GoVersion("go1.27.3")!, leaky: leaky, fixed: nil)
        try Index(root: server.root).record(DemoReport(pattern: "nil-map", kind: .crash, claims: [], figures: figures,
                                                       cached: true, buildSeconds: 0, startedAt: Date()))
        #expect(try await runs() == (before ?? 0) + 1)

        // The index file deleted under the server: it reopens, re-indexes, and the run is still there.
        for suffix in ["", "-wal", "-shm"] { unlink(server.root + "/.leakkb/index.sqlite" + suffix) }
        let health = try await server.json("/healthz")
        let count = try Index(root: server.root).patternCount()
        #expect(health.status == 200 && health.object["patterns"] as? Int == count && count > 30)
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
