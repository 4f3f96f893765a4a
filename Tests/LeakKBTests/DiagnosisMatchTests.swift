import Foundation
import Testing
@testable import LeakKBDiagnosis
@testable import LeakKBModel

/// Signatures scored against groups, suspicion, diffs, and the report's JSON.
@Suite struct DiagnosisMatchTests {
    static let dumps = Repository.fixtures + "/dumps/"

    static let patterns = [
        SignedPattern(
            slug: "blocked-send", title: "Blocked send",
            signatures: [Signature(states: ["chan send"], frames: ["^main\\.", "^main\\.main$"], heap: [])]),
        SignedPattern(
            slug: "waitgroup", title: "WaitGroup",
            signatures: [
                Signature(states: ["semacquire", "sync.WaitGroup.Wait"], frames: ["WaitGroup\\)\\.Wait"], heap: [])
            ]),
        SignedPattern(
            slug: "nil-channel", title: "Nil channel",
            signatures: [Signature(states: ["chan receive"], frames: [], heap: [])]),
        SignedPattern(
            slug: "heap-only", title: "Heap only",
            signatures: [Signature(states: [], frames: [], heap: ["time\\.NewTimer"])]),
    ]

    func report(
        _ file: String, base: String? = nil, patterns: [SignedPattern] = Self.patterns, toolchain: GoVersion? = nil
    )
        throws -> DiagnosisReport
    {
        try Diagnosis.diagnose(
            .file(Self.dumps + file), base: base.map { .file(Self.dumps + $0) }, patterns: patterns,
            toolchain: toolchain, minimumWeight: 1)
    }

    @Test(arguments: ["1.22", "1.27"])
    func suspectsComeFirstWithReasonsAndEvidenceLines(version: String) throws {
        let report = try report("go\(version)-debug2.txt")
        #expect(report.suspects.map { $0.matches.first?.slug } == ["blocked-send", "nil-channel", "waitgroup"])
        let send = report.groups[0]
        #expect(send.count == 3 && send.suspicion == 3)
        let match = try #require(send.matches.first)
        #expect(match.score == 1)
        #expect(
            match.reasons == [
                "state 'chan send' is the signature's 'chan send'", "frame main.blockedSend matches /^main\\./",
                "creator main.main matches /^main\\.main$/",
            ])
        #expect(
            match.evidence.map(\.text) == [
                send.lines[0].text, "main.blockedSend(...)", "created by main.main in goroutine 1",
            ])
        // Each evidence line is the input's own line at that number.
        let lines = try String(contentsOfFile: Self.dumps + "go\(version)-debug2.txt", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(match.evidence.allSatisfy { String(lines[$0.line - 1]) == $0.text })
        #expect(!report.groups.contains { $0.matches.contains { $0.slug == "heap-only" } })
    }

    @Test func stateIsAGateAndFramesMatchInOrder() throws {
        let reversed = SignedPattern(
            slug: "reversed", title: "Reversed",
            signatures: [
                Signature(
                    states: ["chan send"], frames: ["^main\\.", "^main\\.main$", "^main\\.blockedSend"], heap: [])
            ])
        let wrongState = SignedPattern(
            slug: "wrong-state", title: "Wrong state",
            signatures: [Signature(states: ["IO wait"], frames: ["^main\\.blockedSend"], heap: [])])
        let report = try report("go1.27-debug2.txt", patterns: [reversed, wrongState])
        let send = try #require(report.groups.first { $0.state == "chan send" })
        // The creator is below the frame: after it, blockedSend cannot match; the state and two of three frames do.
        #expect(send.matches.map(\.slug) == ["reversed"])
        #expect(send.matches[0].score == 0.75)
        #expect(!report.groups.contains { $0.matches.contains { $0.slug == "wrong-state" } })
    }

    @Test func toolchainRangesLeaveSignaturesOut() throws {
        let old = SignedPattern(
            slug: "old-only", title: "Old",
            signatures: [
                Signature(states: ["chan send"], frames: [], heap: [], toolchains: ToolchainRange("<1.23"))
            ])
        #expect(try report("go1.27-debug2.txt", patterns: [old], toolchain: GoVersion("1.27.3")).suspects.isEmpty)
        #expect(try report("go1.22-debug2.txt", patterns: [old], toolchain: GoVersion("1.22.10")).suspects.count == 1)
        #expect(try report("go1.27-debug2.txt", patterns: [old]).suspects.count == 1)
    }

    @Test func nothingMatchedIsNoSuspect() throws {
        let report = try report("go1.27-timeout.txt", patterns: [Self.patterns[1]])
        #expect(report.suspects.isEmpty)
        #expect(report.groups.allSatisfy { $0.suspicion == 0 })
    }

    @Test func suspicionIsCountTimesAge() throws {
        let send = SignedPattern(
            slug: "send", title: "Send", signatures: [Signature(states: ["chan send"], frames: [], heap: [])])
        let loop = SignedPattern(
            slug: "loop", title: "Loop", signatures: [Signature(states: ["select"], frames: [], heap: [])])
        let report = try report("edge-cases.txt", patterns: [loop, send])
        // 2 senders, the longest 15 minutes: 2 × 16; one loop of 1 minute: 1 × 2.
        #expect(report.suspects.map(\.suspicion) == [32, 2])
        #expect(report.suspects.map { $0.matches[0].slug } == ["send", "loop"])
    }

    @Test func aDiffReportsWhatGrew() throws {
        let text = try String(contentsOfFile: Self.dumps + "edge-cases.txt", encoding: .utf8)
        let grown =
            text + "\ngoroutine 90 [chan send, 20 minutes]:\nmain.produce(0x1)\n\t/src/app/main.go:40 +0x2c\n"
            + "created by main.start in goroutine 1\n\t/src/app/main.go:30 +0x5a\n"
        let send = SignedPattern(
            slug: "send", title: "Send", signatures: [Signature(states: ["chan send"], frames: [], heap: [])])
        let loop = SignedPattern(
            slug: "loop", title: "Loop", signatures: [Signature(states: ["select"], frames: [], heap: [])])
        let report = try Diagnosis.diagnose(
            .text(Array(grown.utf8), name: "after"), base: .file(Self.dumps + "edge-cases.txt"),
            patterns: [send, loop],
            minimumWeight: 1)
        #expect(report.base?.hasSuffix("edge-cases.txt") == true)
        #expect(report.baseGoroutines == 6 && report.goroutines == 7)
        let grew = try #require(report.groups.first { $0.state == "chan send" })
        #expect(grew.baseCount == 2 && grew.growth == 1 && grew.suspect)
        #expect(grew.suspicion == 21)
        // The loop matches its pattern but did not grow: not a suspect in a diff.
        let steady = try #require(report.groups.first { $0.state == "select" })
        #expect(steady.growth == 0 && !steady.suspect)
        #expect(report.suspects.count == 1)
    }

    @Test func jsonCarriesTheDocumentedFields() throws {
        var report = try report("go1.27-debug2.txt")
        report.groups[0].matches[0].fix = "Buffer the channel."
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        #expect(object["format"] as? String == "goroutine-dump")
        #expect(object["suspects"] as? Int == 3)
        let groups = try #require(object["groups"] as? [[String: Any]])
        let first = groups[0]
        for key in [
            "state", "wait_minutes", "locked_to_thread", "count", "ids", "frames", "created_by", "user_frame",
            "suspicion", "suspect", "matches", "lines",
        ] {
            #expect(first[key] != nil, "missing \(key)")
        }
        let match = try #require((first["matches"] as? [[String: Any]])?.first)
        #expect(match["show"] as? String == "leakkb show blocked-send")
        #expect(match["fix"] as? String == "Buffer the channel.")
        let decoded = try JSONDecoder().decode(DiagnosisReport.self, from: data)
        #expect(decoded == report)
    }

    /// By default a few goroutines waiting where a healthy server waits are
    /// no suspects; ten in one place are, and so is any Go marked leaked.
    @Test func suspectsNeedTenGoroutinesOrTheRuntimesWord() throws {
        let send = SignedPattern(
            slug: "send", title: "Send", signatures: [Signature(states: ["chan send"], frames: [], heap: [])])
        func dump(_ count: Int, state: String) -> EvidenceInput {
            let text = (1...count).map { "goroutine \($0 + 1) [\(state)]:\nmain.f()\n\t/src/main.go:3 +0x1\n" }
            return .text(Array(text.joined(separator: "\n").utf8), name: "dump")
        }
        #expect(try Diagnosis.diagnose(dump(3, state: "chan send"), patterns: [send]).suspects.isEmpty)
        #expect(try Diagnosis.diagnose(dump(10, state: "chan send"), patterns: [send]).suspects.count == 1)
        #expect(try Diagnosis.diagnose(dump(1, state: "chan send (leaked)"), patterns: [send]).suspects.count == 1)
        #expect(try Diagnosis.diagnose(dump(1, state: "chan send, 9 minutes"), patterns: [send]).suspects.count == 1)
    }
}
