import Foundation
import Testing

/// `leakkb diagnose --url`: two snapshots of a real Go service on loopback
/// that leaks goroutines and memory, diagnosed as what grew between them;
/// and the options it cannot be combined with.
@Suite(.timeLimit(.minutes(3))) struct LiveDiagnoseCommandTests {
    func knowledgeBase() throws -> TemporaryKnowledgeBase {
        let blocked = TemporaryKnowledgeBase.article(
            title: "Senders block", kind: "goroutine-leak", tags: "[goroutine]",
            extra: "signatures:\n  - state: \"chan send\"\n    frames: [\"^main\\\\.\"]")
        let cached = TemporaryKnowledgeBase.article(
            title: "Cache grows", kind: "leak", tags: "[map]",
            extra: "signatures:\n  - heap: [\"^main\\\\.remember$\"]")
        return try TemporaryKnowledgeBase(articles: ["blocked": blocked, "cached": cached])
    }

    @Test func aLiveServiceIsDiagnosedByWhatGrew() async throws {
        let kb = try knowledgeBase()
        let service = try LiveSnapshotsTests.LeakingService()
        defer { service.stop() }
        // A goroutine and 16 KiB every 20 ms: about 100 goroutines and 1.6 MiB in two seconds.
        let result = await InProcessCommand.run([
            "diagnose", "--root", kb.root, "--url", service.index.absoluteString, "--interval", "2s",
            "--min-bytes", "262144", "--json",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["input"] as? String == service.index.absoluteString)
        #expect(report["evidence"] as? [String] == ["goroutines", "heap"])
        let suspects = try #require(report["groups"] as? [[String: Any]]).filter { $0["suspect"] as? Bool == true }
        func named(_ group: [String: Any]) -> String? {
            (group["matches"] as? [[String: Any]])?.first?["slug"] as? String
        }
        let goroutines = try #require(suspects.first { named($0) == "blocked" })
        #expect(goroutines["evidence"] as? String == "goroutines")
        #expect((goroutines["growth"] as? Int ?? 0) >= 10)
        let heap = try #require(suspects.first { named($0) == "cached" })
        #expect(heap["evidence"] as? String == "heap")
        #expect((heap["bytes_growth"] as? Int ?? 0) >= 262_144)
    }

    @Test func urlIsRefusedWithAFileOrABase() async throws {
        let kb = try knowledgeBase()
        for extra in [["dump.txt"], ["--base", "old.txt"]] {
            let result = await InProcessCommand.run(
                ["diagnose", "--root", kb.root, "--url", "http://127.0.0.1:1/debug/pprof/"] + extra)
            #expect(result.status == 2)
            #expect(result.stderr.contains("--url takes its own two snapshots: give it without FILE or --base"))
        }
        let interval = await InProcessCommand.run([
            "diagnose", "--root", kb.root, "--url", "http://127.0.0.1:1/debug/pprof/", "--interval", "soon",
        ])
        #expect(interval.stderr.contains("--interval"))
        #expect(interval.status == 2)
    }

    @Test func anUnreachableServiceIsNamed() async throws {
        let kb = try knowledgeBase()
        // Port 1 on loopback: nothing listens there.
        let result = await InProcessCommand.run([
            "diagnose", "--root", kb.root, "--url", "http://127.0.0.1:1/debug/pprof/", "--interval", "0s",
        ])
        #expect(result.stderr.contains("http://127.0.0.1:1/debug/pprof/goroutine?debug=2: no answer"))
        #expect(result.stdout.isEmpty)
    }
}
