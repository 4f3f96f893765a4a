import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBDiagnosis
@testable import LeakKBModel
@testable import LeakKBProfiles

/// The catalogue's own signatures on evidence its demos wrote (debug=2 dumps
/// of both variants, on both toolchains): the leaky dump names the demo's
/// pattern first, the fixed one names nothing.
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
        #expect(leaky.suspects.first?.matches.first?.slug == slug, "\(leaky.suspects.first?.matches.map(\.slug) ?? [])")
        let fixed = try Self.knowledgeBase.diagnose(.file(directory + "fixed-goroutine-debug2.txt"), toolchain: version)
        #expect(fixed.suspects.isEmpty, "\(fixed.suspects.map { $0.matches.map(\.slug) })")
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
