import Foundation
import GRDB
import Testing
@testable import LeakKBIndex
@testable import LeakKBModel

/// Runs are the one thing leakkb cannot rebuild: a runs file written when
/// figures and verdicts were JSON is converted in place, and read as it is
/// where it cannot be written.
@Suite struct RunsFileTests {
    let kb: TemporaryKnowledgeBase

    init() throws {
        kb = try TemporaryKnowledgeBase(articles: ["p": TemporaryKnowledgeBase.article()])
    }

    /// A runs file as the previous leakkb wrote it: one run, both variants, JSON columns.
    func writeLegacyRunsFile(at path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let file = try DatabaseQueue(path: path)
        try file.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE demo_runs (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, slug TEXT NOT NULL,
                        variant TEXT NOT NULL, toolchain TEXT NOT NULL, started_at TEXT NOT NULL,
                        duration_ms INTEGER NOT NULL, exit_status TEXT NOT NULL, figures TEXT NOT NULL,
                        claims TEXT NOT NULL, passed INTEGER NOT NULL);
                    CREATE TABLE runs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    INSERT INTO runs_meta VALUES ('epoch', '7');
                    """)
            let claims =
                #"[{"claim":"leaky.after.heap_inuse >= 2 * fixed.after.heap_inuse","status":"passed","detail":"d"}]"#
            for (variant, heap, panic) in [("leaky", 4096, #","panic":"boom""#), ("fixed", 1024, "")] {
                let figures = """
                    {"variant":"\(variant)","before":{"heap_inuse":512},"after":{"heap_inuse":\(heap)}\(panic),\
                    "exitStatus":"exited with status 0","seconds":0.25,"stderrTail":"tail"}
                    """
                try db.execute(
                    sql: """
                        INSERT INTO demo_runs(run_id, slug, variant, toolchain, started_at, duration_ms, exit_status,
                                              figures, claims, passed)
                        VALUES ('r1', 'p', ?, 'go1.27.3', '2026-11-01T00:00:00Z', 250, 'exited with status 0', ?, ?, 1)
                        """, arguments: [variant, figures, claims])
            }
        }
        try file.close()
    }

    func expectTheRun(_ runs: [RecordedRun]) {
        #expect(runs.map(\.variant) == [.fixed, .leaky])
        let leaky = runs.first { $0.variant == .leaky }?.figures
        #expect(leaky?.before == ["heap_inuse": 512] && leaky?.after == ["heap_inuse": 4096])
        #expect(leaky?.panic == "boom" && leaky?.seconds == 0.25 && leaky?.stderrTail == "tail")
        #expect(runs.allSatisfy { $0.claims.map(\.status) == [.passed] && $0.claims.first?.role == .claim })
    }

    @Test func aLegacyRunsFileIsConvertedAndReadTheSame() throws {
        let index = try kb.index()
        try index.refresh()
        Index.removeFiles(of: index.runsPath)
        try writeLegacyRunsFile(at: index.runsPath)
        let reopened = try kb.index()
        expectTheRun(try reopened.runs(of: "p"))
        let file = try DatabaseQueue(path: index.runsPath)
        let counts = try file.read { db in
            try [
                "SELECT count(*) FROM demo_runs WHERE figures <> '' OR claims <> ''",
                "SELECT count(*) FROM run_figures",
                "SELECT count(*) FROM run_claims",
            ].map { try Int.fetchOne(db, sql: $0) ?? -1 }
        }
        #expect(counts == [0, 4, 1])
    }

    @Test func aLegacyRunsFileThatCannotBeWrittenIsReadAsItIs() throws {
        let index = try kb.index()
        try index.refresh()
        Index.removeFiles(of: index.runsPath)
        try writeLegacyRunsFile(at: index.runsPath)
        let readOnly = try Index(root: kb.root, readOnly: true)
        expectTheRun(try readOnly.runs(of: "p"))
    }

    /// A run recorded now reads back exactly, observations and swap verdicts included.
    @Test func aRecordedReportReadsBackFromTheTables() throws {
        let index = try kb.index()
        try index.refresh()
        let leaky = VariantRun(
            variant: .leaky, before: ["goroutines": 2], after: ["goroutines": 1002, "zombies": 7], panic: nil,
            exitStatus: "exited with status 0", seconds: 0.5, stderrTail: "")
        let fixed = VariantRun(
            variant: .fixed, before: ["goroutines": 2], after: ["goroutines": 2, "zombies": 0], panic: nil,
            exitStatus: "exited with status 0", seconds: 0.5, stderrTail: "")
        let report = DemoReport(
            pattern: "p", kind: .goroutineLeak, claims: [try Claim("leaky.after.goroutines >= 1000")],
            observations: [try Claim("fixed.after.zombies")],
            figures: DemoFigures(toolchain: GoVersion("go1.22.10")!, leaky: leaky, fixed: fixed), cached: true,
            buildSeconds: 0, startedAt: Date())
        try index.record(report)
        let runs = try index.runs(of: "p")
        #expect(Set(runs.map(\.figures)) == [leaky, fixed])
        #expect(runs.allSatisfy { $0.claims == report.claims })
    }
}
