import Foundation
import Testing
@testable import LeakKBModel
@testable import LeakKBProfiles

/// `LiveSnapshots.fetch` against a real Go service on loopback that leaks
/// goroutines and memory as it runs, and against endpoints that fail.
@Suite(.timeLimit(.minutes(3))) struct LiveSnapshotsTests {
    /// `Fixtures/profiles/leaking-service`, built with Go 1.27 and running until `stop()`.
    final class LeakingService {
        let process = Process()
        let stdin = Pipe()
        let scratch: ScratchDirectory
        let index: URL

        init() throws {
            scratch = try ScratchDirectory()
            let program = try GoFixture(
                "profiles/leaking-service", toolchain: GoFixture.toolchains[0], into: scratch.path)
            process.executableURL = URL(fileURLWithPath: program.binary)
            let stdout = Pipe()
            process.standardOutput = stdout
            process.standardInput = stdin
            try process.run()
            var line: [UInt8] = []
            while let byte = try stdout.fileHandleForReading.read(upToCount: 1)?.first, byte != 10 { line.append(byte) }
            index = try #require(URL(string: String(decoding: line, as: UTF8.self)))
        }

        /// Closing its stdin ends the service.
        func stop() {
            try? stdin.fileHandleForWriting.close()
            process.waitUntilExit()
            scratch.remove()
        }
    }

    @Test func twoSnapshotsShowWhatGrew() async throws {
        let service = try LeakingService()
        defer { service.stop() }
        let snapshots = try await LiveSnapshots.fetch(url: service.index, interval: .seconds(1))

        #expect(snapshots.first.goroutines.kind == .goroutine)
        let before = try #require(snapshots.first.goroutines.goroutineCount)
        let after = try #require(snapshots.second.goroutines.goroutineCount)
        // A goroutine every 20 ms: about 50 in a second; the bound leaves room for a loaded machine.
        #expect(after - before >= 10)
        let goroutines = try snapshots.goroutineGrowth()
        let leak = try #require(goroutines.grown.first)
        #expect(leak.stack.contains { $0.function == "main.sendResult" })
        #expect(leak.stack.contains { $0.function == "runtime.chansend1" })
        // Connections of the pprof server itself come and go; the leak is nearly all of the growth.
        #expect(leak.delta[0] * 10 >= (after - before) * 9)

        #expect(snapshots.second.heap.kind == .heap)
        let heap = try snapshots.heapGrowth()
        let cache = try #require(heap.grown.first { $0.stack.first?.function == "main.remember" })
        #expect(cache.delta[heap.primaryValueIndex] >= 10 * 16 << 10)

        let dump = String(decoding: snapshots.second.goroutineDump, as: UTF8.self)
        #expect(dump.hasPrefix("goroutine "))
        #expect(dump.contains("[chan send"))
        #expect(dump.contains("main.sendResult"))
    }

    @Test func bareHostMeansItsPprofIndex() throws {
        let index = try LiveSnapshots.pprofIndex(try #require(URL(string: "http://127.0.0.1:6060")))
        #expect(index.absoluteString == "http://127.0.0.1:6060/debug/pprof/")
        let given = try LiveSnapshots.pprofIndex(try #require(URL(string: "http://[::1]:6060/custom/pprof?x=1")))
        #expect(given.absoluteString == "http://[::1]:6060/custom/pprof/")
    }

    @Test func urlsOfOtherSchemesAreRefused() async throws {
        for text in ["ftp://127.0.0.1/debug/pprof/", "file:///tmp/x", "/debug/pprof/"] {
            let url = try #require(URL(string: text))
            await #expect(throws: LiveFetchError.self) {
                try await LiveSnapshots.fetch(url: url, interval: .zero)
            }
            #expect(throws: LiveFetchError.self) { try LiveSnapshots.pprofIndex(url) }
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        let port = try ClosedPort.take()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/debug/pprof/"))
        let failure = await #expect(throws: LiveFetchError.self) {
            try await LiveSnapshots.fetch(url: url, interval: .zero)
        }
        guard case .unreachable(let address, _)? = failure else {
            Issue.record("expected unreachable, got \(String(describing: failure))")
            return
        }
        #expect(address == "http://127.0.0.1:\(port)/debug/pprof/goroutine?debug=2")
        #expect(failure?.exitCode == ExitStatus.failure)
    }

    @Test func wrongPathGetsTheStatusAndTheExpectedURL() async throws {
        let service = try LeakingService()
        defer { service.stop() }
        let url = try #require(URL(string: "/nothing/here/", relativeTo: service.index)?.absoluteURL)
        let failure = await #expect(throws: LiveFetchError.self) {
            try await LiveSnapshots.fetch(url: url, interval: .zero)
        }
        guard case .status(_, let code, _)? = failure else {
            Issue.record("expected a status, got \(String(describing: failure))")
            return
        }
        #expect(code == 404)
        #expect(failure?.description.contains("like http://127.0.0.1:6060/debug/pprof/") == true)
    }

    @Test func answersPastTheLimitAreNotKept() async throws {
        let service = try LeakingService()
        defer { service.stop() }
        let failure = await #expect(throws: LiveFetchError.self) {
            try await LiveSnapshots.fetch(url: service.index, interval: .zero, limits: LiveLimits(maxDumpBytes: 512))
        }
        guard case .tooLarge(let url, 512)? = failure else {
            Issue.record("expected tooLarge, got \(String(describing: failure))")
            return
        }
        #expect(url.hasSuffix("goroutine?debug=2"))
    }

    @Test func silentServerTimesOut() async throws {
        // A socket that listens but never answers: the connection is made, the answer never comes.
        let silent = try SilentListener()
        defer { silent.close() }
        let url = try #require(URL(string: "http://127.0.0.1:\(silent.port)/debug/pprof/"))
        let clock = ContinuousClock()
        let start = clock.now
        let failure = await #expect(throws: LiveFetchError.self) {
            try await LiveSnapshots.fetch(url: url, interval: .zero, limits: LiveLimits(timeout: .seconds(1)))
        }
        #expect(clock.now - start < .seconds(20))
        guard case .unreachable? = failure else {
            Issue.record("expected unreachable, got \(String(describing: failure))")
            return
        }
    }
}
