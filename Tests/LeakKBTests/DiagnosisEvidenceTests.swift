import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBDiagnosis
@testable import LeakKBModel
@testable import LeakKBProfiles

/// The catalogue's own signatures on evidence its demos wrote (debug=2 dumps
/// of both variants, on both toolchains): the leaky dump names the demo's
/// pattern first (or tied for first), the fixed one names nothing.
@Suite struct DiagnosisEvidenceTests {
    static let knowledgeBase: KnowledgeBase = try! KnowledgeBase.open(root: Repository.root) { _ in }

    static var cases: [(String, String)] {
        ["go1.27.3", "go1.22.10"].flatMap { toolchain in
            let directory = Repository.fixtures + "/evidence/" + toolchain
            let slugs = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return slugs.filter { !$0.hasPrefix("README") }.sorted().map { (toolchain, $0) }
        }
    }

    @Test func thereIsEvidenceForBothToolchains() {
        #expect(Set(Self.cases.map(\.0)) == ["go1.27.3", "go1.22.10"])
    }

    @Test(arguments: cases)
    func leakyEvidenceNamesItsPatternAndFixedNamesNone(toolchain: String, slug: String) throws {
        let directory = Repository.fixtures + "/evidence/\(toolchain)/\(slug)/"
        let version = GoVersion(toolchain)
        let leaky = try Self.knowledgeBase.diagnose(.file(directory + "leaky-goroutine-debug2.txt"), toolchain: version)
        let names = EvidenceCase.names(in: leaky)
        // First, or as likely as the patterns named first (a tie the evidence cannot break).
        let own = try #require(names.first { $0.slug == slug }, "\(names.map(\.slug))")
        #expect(own.first, "\(names)")
        #expect(names.filter(\.first).allSatisfy { $0.score == own.score }, "\(names)")
        let fixed = try Self.knowledgeBase.diagnose(.file(directory + "fixed-goroutine-debug2.txt"), toolchain: version)
        #expect(fixed.suspects.isEmpty, "\(fixed.suspects.map { $0.matches.map(\.slug) })")
    }
}

/// Where two patterns' evidence differs, the signatures say how: a closure's
/// blocked send (a late sender) against a named function's (what a loop
/// variable captured leaves behind), a WaitGroup waited on under a group's
/// Wait against one waited on directly.
@Suite struct SignatureSpecificityTests {
    static func names(_ toolchain: String, _ slug: String, _ file: String = "goroutine-debug2.txt") throws -> [String] {
        let path = Repository.fixtures + "/evidence/\(toolchain)/\(slug)/leaky-" + file
        let report = try DiagnosisEvidenceTests.knowledgeBase.diagnose(.file(path), toolchain: GoVersion(toolchain))
        return EvidenceCase.names(in: report).map(\.slug)
    }

    @Test(arguments: ["go1.27.3", "go1.22.10"], ["goroutine-debug2.txt", "goroutine.pb.gz"])
    func aClosuresBlockedSendIsNotANamedSenders(toolchain: String, file: String) throws {
        let closure = try Self.names(toolchain, "goroutine-blocked-send", file)
        let closurePosition = try #require(closure.firstIndex(of: "goroutine-blocked-send"))
        let namedPosition = try #require(closure.firstIndex(of: "loop-variable-capture"))
        #expect(closurePosition < namedPosition)
        #expect(try Self.names(toolchain, "loop-variable-capture", file) == ["loop-variable-capture"])
    }

    @Test(arguments: ["go1.27.3", "go1.22.10"])
    func aWaitGroupAloneIsNotAnErrgroup(toolchain: String) throws {
        // errgroup's signature (state, WaitGroup.Wait, a Group's Wait) shows two of three conditions: 0.67.
        for file in ["goroutine-debug2.txt", "goroutine.pb.gz"] {
            #expect(try Self.names(toolchain, "waitgroup-never-done", file) == ["waitgroup-never-done"])
        }
    }
}

extension SignatureSpecificityTests {
    /// A state's detail is a fact of its own: `chan receive (nil chan)` alone
    /// outranks `chan receive` with a frame.
    @Test func aStatesDetailCountsAsAFrame() throws {
        var dump = ""
        for id in 1...12 {
            dump += "goroutine \(id) [chan receive (nil chan)]:\nmain.wait(...)\n\t/src/app/main.go:9\n"
            dump += "created by main.main in goroutine 1\n\t/src/app/main.go:20 +0x1d\n\n"
        }
        let patterns = [
            SignedPattern(
                slug: "any-receive", title: "Any receive",
                signatures: [Signature(states: ["chan receive"], frames: ["^main\\."], heap: [])]),
            SignedPattern(
                slug: "nil-receive", title: "Nil receive",
                signatures: [Signature(states: ["chan receive (nil chan)"], frames: [], heap: [])]),
        ]
        let report = try Diagnosis.diagnose(.text(Array(dump.utf8), name: "dump"), patterns: patterns)
        #expect(report.suspects.first?.matches.map(\.slug) == ["nil-receive", "any-receive"])
    }
}

/// A pprof goroutine profile, as runtime/pprof of both toolchains writes
/// it, is evidence too: found by its bytes, its stacks grouped with their
/// counts, runtime frames included; a profile of another kind is refused by name.
@Suite(.timeLimit(.minutes(2))) struct ProfileEvidenceTests {
    @Test(arguments: GoFixture.toolchains) func aGoroutineProfileNamesThePattern(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        let senders = SignedPattern(
            slug: "senders", title: "Senders",
            signatures: [Signature(states: [], frames: ["^runtime\\.chansend1$", "^main\\.blockedSender$"], heap: [])])
        for file in ["goroutine.pb.gz", "goroutine.pb"] {
            let report = try Diagnosis.diagnose(.file(real.path(file)), patterns: [senders], minimumWeight: 1)
            #expect(report.format == .goroutinePprof)
            let suspect = try #require(report.suspects.first)
            #expect(suspect.count == Int(RealProfiles.senders) && suspect.state == "chan send")
            #expect(suspect.matches.first?.slug == "senders")
        }
        #expect {
            try Diagnosis.diagnose(.file(real.path("block.pb.gz")), patterns: [senders])
        } throws: { error in
            "\(error)".contains("block.pb.gz: is a profile of contentions/count, delay/nanoseconds; diagnose reads")
        }
    }
}
