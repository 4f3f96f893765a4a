import Foundation
import Testing

/// `leakkb diagnose`, in process (standard input through the real binary):
/// exit 0 clean, 1 suspects, 2 bad input. The dumps are small, so groups of
/// any size count (`--min-goroutines 1`).
@Suite struct DiagnoseCommandTests {
    static let dumps = Repository.fixtures + "/dumps/"

    func knowledgeBase() throws -> TemporaryKnowledgeBase {
        let article = TemporaryKnowledgeBase.article(
            title: "Senders block", kind: "goroutine-leak", tags: "[goroutine]",
            extra: "signatures:\n  - state: \"chan send\"\n    frames: [\"^main\\\\.\"]")
        return try TemporaryKnowledgeBase(articles: ["blocked": article])
    }

    @Test func suspectsExitOneWithTheReport() async throws {
        let kb = try knowledgeBase()
        let result = await InProcessCommand.run([
            "diagnose", "--min-goroutines", "1", "--root", kb.root, Self.dumps + "go1.27-debug2.txt",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 suspect group found"))
        #expect(result.stdout.contains("likely blocked  Senders block"))
        #expect(result.stdout.contains("   11 │ goroutine 4 [chan send]:"))
        #expect(result.stdout.contains("leakkb show blocked"))
    }

    @Test func nothingSuspiciousExitsZero() async throws {
        let kb = try knowledgeBase()
        // The test-timeout dump's sender is in example.com/dumpgen, not main: no match.
        let result = await InProcessCommand.run([
            "diagnose", "--min-goroutines", "1", "--root", kb.root, Self.dumps + "go1.22-timeout.txt",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("No suspects"))
    }

    @Test func badInputExitsTwoNamingTheLine() async throws {
        let kb = try knowledgeBase()
        try kb.write("garbage.txt", "not a dump\n")
        let result = await InProcessCommand.run([
            "diagnose", "--min-goroutines", "1", "--root", kb.root, kb.root + "/garbage.txt",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("garbage.txt: line 1: expected a goroutine dump"))
        #expect(result.stdout.isEmpty)
    }

    @Test func jsonFromStandardInput() throws {
        let kb = try knowledgeBase()
        let file = Self.dumps + "go1.22-debug1.txt"
        let result = try LeakKBProcess.run(
            ["diagnose", "--min-goroutines", "1", "--root", kb.root, "--json", "-"],
            launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" < '\(file)'"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["input"] as? String == "stdin")
        #expect(object["format"] as? String == "goroutine-profile")
        #expect(object["goroutines"] as? Int == 10)
    }

    @Test func formatAndBaseOptions() async throws {
        let kb = try knowledgeBase()
        let forced = await InProcessCommand.run([
            "diagnose", "--min-goroutines", "1", "--root", kb.root, "--format", "goroutine-profile",
            Self.dumps + "go1.27-debug2.txt",
        ])
        #expect(forced.status == 2)
        #expect(forced.stderr.contains("line 1: expected 'goroutine profile: total N'"))
        // Against itself nothing grew: no suspects.
        let same = await InProcessCommand.run([
            "diagnose", "--min-goroutines", "1", "--root", kb.root, "--base", Self.dumps + "go1.27-debug2.txt",
            Self.dumps + "go1.27-debug2.txt",
        ])
        #expect(same.status == 0)
        #expect(same.stdout.contains("(+0 since the base)"))
    }
}
