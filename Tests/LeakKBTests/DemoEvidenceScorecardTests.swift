import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBDemos
@testable import LeakKBDiagnosis
@testable import LeakKBModel
@testable import LeakKBSystem

/// What `check --demos` makes of the demos' evidence: each diagnosed file
/// judged by `EvidenceRules`, and the precision/recall scorecard over them,
/// on the evidence real demos wrote (Fixtures/evidence) and on hand-made cases.
@Suite struct DemoEvidenceScorecardTests {
    static let evidence = Repository.fixtures + "/evidence/"

    /// The diagnosed files a fixture directory holds (every one has the dump; some the profile too).
    static func files(in directory: String) -> [DemoEvidenceFile] {
        DemoEvidenceFile.diagnosed.filter { FileSystem.exists($0.path(in: directory, variant: .leaky)) }
    }

    static func cases(
        _ toolchain: String, _ slug: String, in directory: String, files: [DemoEvidenceFile]? = nil
    ) throws -> [EvidenceCase] {
        let version = try #require(GoVersion(toolchain))
        return try DiagnosisEvidenceTests.knowledgeBase.diagnoseDemoEvidence(
            slug, toolchain: version, in: directory, files: files ?? Self.files(in: directory))
    }

    @Test(arguments: DiagnosisEvidenceTests.cases)
    func realEvidenceKeepsEveryRule(toolchain: String, slug: String) throws {
        let directory = Self.evidence + toolchain + "/" + slug
        let cases = try Self.cases(toolchain, slug, in: directory)
        #expect(cases.count == 2 * Self.files(in: directory).count)
        #expect(cases.allSatisfy { $0.problem == nil && $0.pattern == slug && $0.toolchain == toolchain })
        #expect(cases.compactMap(EvidenceRules().failure(of:)) == [])
        let row = try #require(DiagnosisScorecard(cases).rows.first)
        #expect(row.falseNegatives == 0)
        #expect(row.truePositives == cases.filter { $0.variant == .leaky && $0.signed }.count)
        #expect(row.truePositives > 0)
    }

    /// A goroutine profile has no wait states: a pattern whose signatures name
    /// only states (a nil channel's) is unsigned for it, and not a miss.
    @Test func aProfileCannotShowAStateOnlySignature() throws {
        let slug = "nil-channel-blocks-forever"
        let directory = Self.evidence + "go1.27.3/" + slug
        let cases = try Self.cases("go1.27.3", slug, in: directory)
        let profile = try #require(cases.first { $0.variant == .leaky && $0.file == "goroutine.pb.gz" })
        let dump = try #require(cases.first { $0.variant == .leaky && $0.file == "goroutine-debug2.txt" })
        #expect(!profile.signed && dump.signed)
        #expect(!profile.names.contains { $0.slug == slug } && dump.names.first?.slug == slug)
        #expect(EvidenceRules().failure(of: profile) == nil)
    }

    @Test func aFixedVariantThatIsNamedFailsNamingTheDemo() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let slug = "waitgroup-never-done"
        // The fixed variant "forgot" its fix: its dump is the leaky one's.
        let leaky = Self.evidence + "go1.22.10/\(slug)/leaky-goroutine-debug2.txt"
        for variant in Variant.allCases {
            try FileManager.default.copyItem(atPath: leaky, toPath: scratch.path + "/\(variant)-goroutine-debug2.txt")
        }
        let cases = try Self.cases("go1.22.10", slug, in: scratch.path)
        let scorecard = DiagnosisScorecard(cases)
        #expect(!scorecard.passed)
        #expect(
            scorecard.failures == [
                "\(slug): fixed goroutine-debug2.txt on go1.22.10 names \(slug) (score 1.00, "
                    + "the fixed variant must stay below 0.75)"
            ])
        // The same name from the leaky dump is right: only the fixed one's counts against precision,
        // which at 0.50 is not below the threshold: the rule alone fails the check.
        let row = try #require(scorecard.rows.first)
        #expect(row.truePositives == 1 && row.falsePositives == 1 && row.precision == 0.5)
    }

    @Test func aMissingFileIsAProblemOnlyForASignedPattern() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let cases = try Self.cases(
            "go1.27.3", "goroutine-blocked-send", in: scratch.path, files: DemoEvidenceFile.diagnosed)
        #expect(cases.count == 2 * DemoEvidenceFile.diagnosed.count)
        #expect(cases.allSatisfy { $0.problem?.contains("is missing: the variant wrote none") == true })
        let failures = cases.compactMap(EvidenceRules().failure(of:))
        #expect(failures.count == cases.count)
        #expect(failures.allSatisfy { $0.hasPrefix("goroutine-blocked-send: ") })
        #expect(DiagnosisScorecard(cases).rows.first?.recall == 0)
        // A crash demo has no goroutine signatures: its missing dumps are nobody's failure.
        let crash = try Self.cases("go1.27.3", "nil-map", in: scratch.path, files: DemoEvidenceFile.diagnosed)
        #expect(crash.count == cases.count && crash.allSatisfy { !$0.signed })
        #expect(DiagnosisScorecard(crash).failures.isEmpty)
    }

    static func evidenceCase(
        _ pattern: String, _ variant: Variant, names: [String], score: Double = 1, signed: Bool = true,
        problem: String? = nil
    ) -> EvidenceCase {
        EvidenceCase(
            pattern: pattern, toolchain: "go1.27.3", variant: variant, file: "goroutine-debug2.txt", signed: signed,
            names: names.enumerated().map { EvidenceCase.Name(slug: $1, score: score, first: $0 == 0) },
            problem: problem)
    }

    @Test func precisionAndRecallCountTheNamesGiven() throws {
        let cases = [
            Self.evidenceCase("a", .leaky, names: ["a", "b"]),
            Self.evidenceCase("b", .leaky, names: ["c", "d", "e", "b"]),
            Self.evidenceCase("a", .fixed, names: ["b"]),
            Self.evidenceCase("m", .leaky, names: [], problem: "unreadable"),
            Self.evidenceCase("u", .leaky, names: [], signed: false),
            Self.evidenceCase("u", .fixed, names: ["a"], signed: false),
        ]
        let scorecard = DiagnosisScorecard(cases)
        let row = try #require(scorecard.rows.first)
        // Given: a, b | c, d, e (b is fourth: not given) | b | – | – | a: one right, six wrong.
        #expect(row.truePositives == 1 && row.falsePositives == 6 && row.falseNegatives == 2)
        #expect(row.precision == 1.0 / 7 && row.recall == 1.0 / 3)
        #expect(row.unsigned == ["u"])
        #expect(
            scorecard.failures == [
                "b: leaky goroutine-debug2.txt on go1.27.3 names c first, not b",
                "m: leaky goroutine-debug2.txt on go1.27.3 could not be diagnosed: unreadable",
                "precision 0.14 on go1.27.3 is below 0.50 (the wrong names are listed above)",
                "recall 0.33 on go1.27.3 is below 1.00 (the misses are listed above)",
            ])
    }

    @Test func aFixedVariantMayNameItsPatternBelowTheCeiling() {
        var rules = EvidenceRules()
        rules.fixedCeiling = 0.9
        #expect(rules.failure(of: Self.evidenceCase("a", .fixed, names: ["a"], score: 0.8)) == nil)
        #expect(rules.failure(of: Self.evidenceCase("a", .fixed, names: ["a"], score: 0.9)) != nil)
        #expect(EvidenceRules().failure(of: Self.evidenceCase("a", .fixed, names: ["a"], score: 0.8)) != nil)
    }
}

/// The run `check --demos` makes: a real demo writes its evidence into
/// `.leakkb/evidence/<slug>/<toolchain>/`, emptied first, and each variant's
/// files are diagnosed with the article's signatures.
@Suite(.serialized, .timeLimit(.minutes(3))) struct DemoRunDiagnosisTests {
    static let slug = "goroutine-blocked-send"

    @Test func aRunReplacesTheLastEvidenceAndDiagnosesIt() async throws {
        let article = TemporaryKnowledgeBase.article(
            title: "Late sender", kind: "goroutine-leak", tags: "[goroutine]",
            extra: """
                demo: \(Self.slug)
                signatures:
                  - state: "chan send"
                    frames: ["\\\\.func\\\\d+$"]
                expect:
                  - "leaky.after.goroutines >= 10 * fixed.after.goroutines"
                """)
        let kb = try TemporaryKnowledgeBase(articles: [Self.slug: article])
        defer { try? FileManager.default.removeItem(atPath: kb.root) }
        try kb.copyRealDemos(["go.mod", "internal", Self.slug])
        try kb.shareGoBuildCache()
        let toolchain = try await GoLanguage().toolchain(explicit: nil, root: Repository.root, environment: [:])
        let index = try kb.index()
        try index.refresh()
        let knowledgeBase = KnowledgeBase(index: index)

        let directory = knowledgeBase.demoEvidenceDirectory(Self.slug) + "/\(toolchain.version)"
        #expect(directory == kb.root + "/.leakkb/evidence/\(Self.slug)/\(toolchain.version)")
        try kb.write(".leakkb/evidence/\(Self.slug)/\(toolchain.version)/stale.txt", "from an earlier run")
        let (report, cases) = try await knowledgeBase.runDemoDiagnosingEvidence(Self.slug, on: toolchain)
        #expect(report.passed)
        #expect(!FileSystem.exists(directory + "/stale.txt"))
        #expect(FileSystem.exists(directory + "/leaky-goroutine-debug2.txt"))
        #expect(cases.count == 2 * DemoEvidenceFile.diagnosed.count)
        #expect(cases.allSatisfy { $0.problem == nil && $0.signed })
        #expect(cases.filter { $0.variant == .leaky }.allSatisfy { $0.names.map(\.slug) == [Self.slug] })
        #expect(cases.filter { $0.variant == .fixed }.allSatisfy { $0.names.isEmpty })
        #expect(DiagnosisScorecard(cases).passed)
    }
}
