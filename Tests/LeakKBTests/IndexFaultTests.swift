import Foundation
import GRDB
import Synchronization
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// The index is a cache of Content/ and the runs file is the one thing
/// leakkb owns: damaged, deleted, unwritable, locked and replaced files,
/// with real SQLite files and the real binary.
@Suite(.serialized) struct IndexFaultTests {
    let kb: TemporaryKnowledgeBase
    var indexPath: String { kb.root + "/.leakkb/index.sqlite" }

    init() throws {
        kb = try TemporaryKnowledgeBase(articles: [
            "nil-map": TemporaryKnowledgeBase.article(title: "Writing to a nil map", kind: "crash"),
            "goroutine-blocked": TemporaryKnowledgeBase.article(
                title: "A goroutine blocked on send", tags: "[goroutine]"),
        ])
    }

    /// Collects what the index says it did by itself.
    final class Notices: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var sink: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
    }

    func recordRun(in index: Index, slug: String = "nil-map") throws {
        var leaky = VariantRun(variant: .leaky, exitStatus: "exited with status 0", seconds: 0.1, stderrTail: "")
        leaky.before = ["heap_inuse": 1_000]
        leaky.after = ["heap_inuse": 9_000_000]
        let figures = DemoFigures(toolchain: GoVersion("go1.27.3")!, leaky: leaky, fixed: nil)
        try index.record(
            DemoReport(
                pattern: slug, kind: .leak, claims: [], figures: figures,
                cached: true, buildSeconds: 0, startedAt: Date()))
    }

    func overwrite(_ path: String, at offset: UInt64, with bytes: [UInt8]) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    @Test func runsLiveOutsideTheIndexAndSurviveItsDeletion() throws {
        let index = try Index.opened(root: kb.root, notice: { _ in })
        try recordRun(in: index)
        #expect(index.runsPath == kb.root + "/.leakkb/runs.sqlite")
        Index.removeFiles(of: indexPath)
        let reopened = try Index.opened(root: kb.root, notice: { _ in })
        #expect(try reopened.runs(of: "nil-map").count == 1)
        #expect(try reopened.patterns().count == 2)
    }

    @Test func aFileThatIsNotADatabaseIsRebuiltAndRunsAreKept() throws {
        try recordRun(in: try Index.opened(root: kb.root, notice: { _ in }))
        try Data(repeating: 0x5a, count: 40_000).write(to: URL(fileURLWithPath: indexPath))
        let notices = Notices()
        let rebuilt = try Index.opened(root: kb.root, notice: notices.sink)
        #expect(notices.all.count == 1)
        #expect(notices.all.first?.contains("damaged") == true && notices.all.first?.contains(indexPath) == true)
        #expect(try rebuilt.search(SearchQuery(parsing: "goroutine"), limit: 5).map(\.slug) == ["goroutine-blocked"])
        #expect(try rebuilt.runs(of: "nil-map").count == 1)
    }

    @Test func corruptPagesFoundByAQueryRebuildTheIndex() throws {
        let root: Int64 = try {
            let index = try Index.opened(root: kb.root, notice: { _ in })
            try recordRun(in: index)
            // Fold the WAL into the file so that the damage below is what SQLite reads.
            try index.database.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            return try index.read {
                try Int64.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'patterns'")!
            }
        }()
        // Scribble over the patterns table's root page only: the file still opens.
        try overwrite(indexPath, at: UInt64(root - 1) * 16_384, with: [UInt8](repeating: 0xa5, count: 16_384))
        let notices = Notices()
        let damaged = try Index(root: kb.root)
        damaged.connection.notice = notices.sink
        // The first query meets the damage; the index rebuilds itself and answers.
        let slugs = try damaged.patterns().map(\.slug).sorted()
        #expect(slugs == ["goroutine-blocked", "nil-map"])
        #expect(notices.all.count == 1 && notices.all.first?.contains("damaged") == true, "\(notices.all)")
        #expect(try damaged.runs(of: "nil-map").count == 1)
    }

    @Test func rebuildRecoversAFileThatCannotBeOpened() throws {
        _ = try Index.opened(root: kb.root, notice: { _ in })
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: indexPath))
        let result = try LeakKBProcess.run(["index", "--rebuild", "--root", kb.root])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 added"))
        let plain = try LeakKBProcess.run(["search", "goroutine", "--root", kb.root])
        #expect(plain.status == 0 && plain.stdout.contains("goroutine-blocked"), "\(plain.stderr)")
    }

    @Test func theBinaryRebuildsAGarbledIndexWithOneLine() throws {
        _ = try Index.opened(root: kb.root, notice: { _ in })
        try Data(repeating: 0xff, count: 100_000).write(to: URL(fileURLWithPath: indexPath))
        let result = try LeakKBProcess.run(["search", "nil", "--root", kb.root])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nil-map"))
        #expect(
            result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("rebuilding it from Content/"))
        #expect(!result.stderr.contains("SQLite error"))
    }

    /// Commands started together on a knowledge base with no index yet (a
    /// fresh clone: `serve` in one terminal, `search` in another) all
    /// answer: one creates and indexes it, the others wait for that rather
    /// than failing half-way through its schema or answering from it empty.
    @Test func commandsStartedTogetherOnANewIndexAllAnswer() throws {
        for _ in 0..<3 {
            try? FileManager.default.removeItem(atPath: kb.root + "/.leakkb")
            let results = Mutex<[LeakKBProcess.Result]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                let result = try? LeakKBProcess.run(["show", "nil-map", "--root", kb.root])
                results.withLock { $0.append(result ?? .init(status: -1, stdout: "", stderr: "did not start")) }
            }
            for result in results.withLock({ $0 }) {
                #expect(result.status == 0 && result.stdout.contains("Writing to a nil map"), "\(result.stderr)")
            }
        }
    }

    @Test func aSecondIndexerIsToldAndReadersAnswerFromTheIndexAsItWas() throws {
        let index = try Index.opened(root: kb.root, notice: { _ in })
        let lock = try IndexLock(index: index.path, root: kb.root)
        defer { lock.release() }
        try kb.write(
            "Content/go/late-sender.md", TemporaryKnowledgeBase.article(title: "A late sender", tags: "[channel]"))

        let indexer = try LeakKBProcess.run(["index", "--root", kb.root])
        #expect(indexer.status == 1)
        #expect(indexer.stderr.contains("another leakkb is indexing \(kb.root) right now"), "\(indexer.stderr)")

        let search = try LeakKBProcess.run(["search", "goroutine", "--root", kb.root])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("goroutine-blocked"))
        #expect(search.stderr.contains("another leakkb is indexing"))

        lock.release()
        let after = try LeakKBProcess.run(["index", "--root", kb.root])
        #expect(after.status == 0 && after.stdout.contains("added    late-sender"), "\(after.stderr)")
    }

    @Test func aWriteLockHeldByAnotherConnectionDoesNotStopASearch() async throws {
        _ = try Index.opened(root: kb.root, notice: { _ in })
        try kb.write(
            "Content/go/late-sender.md", TemporaryKnowledgeBase.article(title: "A late sender", tags: "[channel]"))
        // Another process's view of the file: a plain SQLite connection that takes the write lock and keeps it.
        let holder = try DatabaseQueue(path: indexPath)
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let thread = Thread {
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                holding.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }
        thread.start()
        holding.wait()
        defer { release.signal() }
        let started = Date()
        let search = try LeakKBProcess.run(["search", "goroutine", "--root", kb.root])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("goroutine-blocked"))
        #expect(search.stderr.contains("another process holds") && search.stderr.contains("locked"), "\(search.stderr)")
        #expect(search.stderr.split(separator: "\n").count == 1)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func anUnwritableIndexIsReadAsItIs() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            Issue.record("needs root and setpriv to run leakkb as another user")
            return
        }
        _ = try Index.opened(root: kb.root, notice: { _ in })
        // Root may write anywhere, so leakkb runs as nobody over a tree root owns.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: kb.root)
        try kb.write(
            "Content/go/late-sender.md", TemporaryKnowledgeBase.article(title: "A late sender", tags: "[channel]"))
        let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let search = try LeakKBProcess.run(["search", "goroutine", "--root", kb.root], launcher: asNobody)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("goroutine-blocked"))
        #expect(search.stderr.contains("cannot write the index at \(indexPath)"), "\(search.stderr)")
        #expect(!search.stderr.contains("SQLite error"))

        // With no index to fall back on, one sentence naming the path and what to do.
        Index.removeFiles(of: indexPath)
        let none = try LeakKBProcess.run(["list", "--root", kb.root], launcher: asNobody)
        #expect(none.status == 1)
        #expect(
            none.stderr.contains("cannot create the index at \(indexPath)") && none.stderr.contains("--db"),
            "\(none.stderr)")
    }

    @Test func aReadOnlyIndexRefusesToRecordARunAndSaysWhere() throws {
        _ = try Index.opened(root: kb.root, notice: { _ in })
        let readOnly = try Index(root: kb.root, readOnly: true)
        #expect(try readOnly.patterns().count == 2)
        do {
            try recordRun(in: readOnly)
            Issue.record("a read-only index recorded a run")
        } catch let error as IndexError {
            #expect(error.description.contains(readOnly.runsPath))
        }
    }

    @Test func runsRecordedInAnOlderIndexMoveToTheRunsFile() throws {
        // An index as leakkb wrote it before runs had their own file.
        try FileManager.default.createDirectory(atPath: kb.root + "/.leakkb", withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: indexPath)
        try Schema.migrator.migrate(old, upTo: "v2")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO demo_runs(run_id, slug, variant, toolchain, started_at, duration_ms, exit_status, figures, claims, passed)
                    VALUES ('r1', 'nil-map', 'leaky', 'go1.22.10', '2026-01-01T00:00:00Z', 12, 'exited with status 0',
                            '{"variant":"leaky","exitStatus":"exited with status 0","seconds":0.01,"stderrTail":""}', '[]', 1)
                    """)
        }
        try old.close()
        let index = try Index.opened(root: kb.root, notice: { _ in })
        #expect(try index.runs(of: "nil-map").map(\.runID) == ["r1"])
        Index.removeFiles(of: indexPath)
        #expect(try Index.opened(root: kb.root, notice: { _ in }).runs(of: "nil-map").map(\.runID) == ["r1"])
    }

    @Test func aReplacedIndexFileIsReopened() throws {
        let index = try Index.opened(root: kb.root, pooled: true, notice: { _ in })
        let before = try index.generation()
        #expect(try !index.reopenIfReplaced())
        // Another process deletes the index and builds a new one; a run is recorded there.
        Index.removeFiles(of: indexPath)
        try kb.write(
            "Content/go/late-sender.md", TemporaryKnowledgeBase.article(title: "A late sender", tags: "[channel]"))
        let other = try Index.opened(root: kb.root, notice: { _ in })
        try recordRun(in: other)
        #expect(try index.reopenIfReplaced())
        #expect(try index.generation() != before)
        #expect(try index.patterns().count == 3)
        #expect(try index.runs(of: "nil-map").count == 1)
    }

    @Test func generationMovesWithRunsRecordedElsewhere() throws {
        let index = try Index.opened(root: kb.root, pooled: true, notice: { _ in })
        let before = try index.generation()
        try recordRun(in: try Index(root: kb.root))
        #expect(try index.generation() != before)
    }
}
