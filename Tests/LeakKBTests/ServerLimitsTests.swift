import Foundation
import Testing

/// What a hostile or careless client can do to the real `leakkb serve` on
/// loopback: timeouts, HTTP/1.0, descriptors, memory, demo runs from the served
/// origin. HEAD and 405 need no socket: they are in RouteTests.
@Suite(.serialized) struct ServerLimitsTests {
    typealias Server = ServerTests.Server

    @Test func slowAndIdleConnectionsAreClosed() async throws {
        let server = try Server(arguments: ["--idle-timeout", "4", "--header-timeout", "1"])
        defer { server.stop() }
        let slow = try RawConnection(port: server.port)
        slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let started = ContinuousClock.now
        #expect(slow.readUntilClosed(within: .seconds(3)).closed, "a half-sent head is cut at the header timeout")
        #expect(ContinuousClock.now - started < .seconds(3))

        let idle = try RawConnection(port: server.port)
        #expect(idle.readUntilClosed(within: .seconds(8)).closed, "an idle connection is closed at the idle timeout")

        let old = try RawConnection(port: server.port)
        old.send("GET /healthz HTTP/1.0\r\n\r\n")
        let answer = old.readUntilClosed(within: .seconds(2))
        #expect(
            answer.closed && answer.text.hasPrefix("HTTP/1.1 200"),
            "HTTP/1.0 without keep-alive: \(answer.text.prefix(40))")

        let kept = try RawConnection(port: server.port)
        kept.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let keptAnswer = kept.readUntilClosed(within: .milliseconds(1500))
        #expect(
            !keptAnswer.closed && keptAnswer.text.hasPrefix("HTTP/1.1 200"), "HTTP/1.1 stays open for the next request")
    }

    /// More idle sockets than the server has descriptors: a new client is
    /// still answered, and the server waits rather than spinning on accept.
    @Test func moreIdleSocketsThanDescriptors() async throws {
        let server = try Server(
            arguments: ["--idle-timeout", "2"], launcher: ["/usr/bin/prlimit", "--nofile=256:256"])
        defer { server.stop() }
        let idle = try (0..<300).map { _ in try RawConnection(port: server.port) }
        try await Task.sleep(for: .milliseconds(500))
        let ticks = server.cpuTicks
        let started = ContinuousClock.now
        let answer = try Shell.run(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20",
                "http://127.0.0.1:\(server.port)/healthz",
            ])
        let elapsed = (ContinuousClock.now - started) / .seconds(1)
        #expect(answer.output == "200", "a new client is answered while \(idle.count) idle sockets wait")
        let cpu = Double(server.cpuTicks - ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
        #expect(cpu < max(0.5, elapsed * 0.5), "\(cpu) s of CPU in \(elapsed) s: accepting must not spin")
    }

    /// Junk query strings make no cache entries, and distinct real ones stay
    /// within the cache's byte bound: memory stays flat.
    @Test func junkQueriesKeepMemoryFlat() async throws {
        let server = try Server(arguments: ["--cache-mib", "1"])
        defer { server.stop() }
        let paths = ["/assets/search-data.js", "/api/patterns", "/patterns/nil-map.html", "/search?q=map"]
        for path in paths { _ = try await server.get(path) }
        let before = server.residentKiB
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for i in stride(from: worker, to: 10_000, by: 8) {
                        let path = paths[i % paths.count]
                        let answer = try await server.get(path + (path.contains("?") ? "&" : "?") + "n=\(i)")
                        #expect(answer.status == 200)
                    }
                }
            }
            try await group.waitForAll()
        }
        let after = server.residentKiB
        #expect(after - before < 32 << 10, "RSS \(before) → \(after) KiB over 10,000 junk query strings")
    }

    @Test func demoRunsOnlyFromTheServedOrigin() async throws {
        let server = try Server(arguments: [
            "--allow-demo-runs", "--go", Repository.root + "/.tools/go/bin/go", "--demo-run-interval", "120",
        ])
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/api/patterns/nil-map/run"
        func post(_ headers: [String]) throws -> String {
            try Shell.run(
                "/usr/bin/curl",
                ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "300", "-X", "POST"]
                    + headers.flatMap { ["-H", $0] } + [url]
            ).output
        }
        #expect(
            try post(["Origin: http://evil.example", "Content-Type: text/plain"]) == "415", "a simple cross-site POST")
        #expect(try post(["Content-Type: application/x-www-form-urlencoded"]) == "415")
        #expect(
            try post(["Host: evil.example", "Content-Type: application/json"]) == "403", "a forged Host (DNS rebinding)"
        )
        #expect(try post(["Origin: http://evil.example", "Content-Type: application/json"]) == "403", "another origin")
        #expect(
            try post(["Origin: http://127.0.0.1:\(server.port)", "Content-Type: application/json"]) == "200",
            "the served origin")
        #expect(try post(["Content-Type: application/json"]) == "429", "too soon after the last run")
    }

    @Test func demoRunsOnTheNetworkMustBeAskedFor() throws {
        let refused = try Shell.run(
            Repository.binary, ["serve", "--root", Repository.root, "--host", "0.0.0.0", "--allow-demo-runs"])
        #expect(refused.status != 0 && refused.output.contains("--expose-demo-runs"), "\(refused.output)")
    }

    @Test func watchSaysEachProblemOnce() async throws {
        let server = try Server(arguments: ["--watch"])
        defer { server.stop() }
        let article = server.root + "/Content/go/nil-map.md"
        let original = try String(contentsOfFile: article, encoding: .utf8)
        try original.replacingOccurrences(of: "tags: [map, initialization, panic]", with: "tags: [nope]")
            .write(toFile: article, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(3500))
        #expect(server.log().components(separatedBy: "Content/ has problems").count - 1 == 1, "\(server.log())")
        try original.replacingOccurrences(of: "tags: [map, initialization, panic]", with: "tags: [nope, nada]")
            .write(toFile: article, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(2500))
        #expect(
            server.log().components(separatedBy: "Content/ has problems").count - 1 == 2,
            "a new problem is said once more")
    }
}
