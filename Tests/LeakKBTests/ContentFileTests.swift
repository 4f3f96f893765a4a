import Dispatch
import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// Files under Content/ that are not articles a person wrote: too large to
/// read, FIFOs, devices, directories and dangling links. Each is an error
/// naming its path, found from `stat` alone: never read whole, never opened
/// where opening could block, never skipped while check says "all valid".
@Suite struct ContentFileTests {
    /// Every problem that loading the catalogue and refreshing the index
    /// report, each bounded in time: a blocking open would hang them.
    func problems(_ kb: TemporaryKnowledgeBase) throws -> (catalog: [String], index: [String]) {
        let catalog = try withinTwoSeconds { () -> [String] in
            do { _ = try Catalog.load(root: kb.root); return [] } catch let failure as ValidationFailure {
                return failure.diagnostics.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        let index = try kb.index()
        let indexed = try withinTwoSeconds { () -> [String] in
            do { try index.refresh(); return [] } catch let failure as ValidationFailure {
                return failure.diagnostics.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        return (catalog, indexed)
    }

    @Test func sparseThreeGiBArticleBehindASymlinkIsRefusedFromItsSize() throws {
        let kb = try TemporaryKnowledgeBase(articles: ["ok": TemporaryKnowledgeBase.article()])
        let target = kb.root + "/huge.bin"
        #expect(FileManager.default.createFile(atPath: target, contents: Data(TemporaryKnowledgeBase.article().utf8)))
        #expect(truncate(target, 3 << 30) == 0)  // sparse: costs no disk
        try FileManager.default.createSymbolicLink(atPath: kb.root + "/Content/go/huge.md", withDestinationPath: target)
        let started = ContinuousClock.now
        let found = try problems(kb)
        // Reading 3 GiB takes seconds and gigabytes; judging it from stat, milliseconds.
        #expect(ContinuousClock.now - started < .seconds(1))
        let expected = "Content/go/huge.md:1: article is 3072.0 MiB; the limit is 8 MiB"
        #expect(found.catalog == [expected])
        #expect(found.index == [expected])
    }

    @Test func articleJustOverTheLimitDoesNotReadAsEqualToIt() throws {
        let kb = try TemporaryKnowledgeBase()
        try kb.write("Content/go/big.md", Data(count: ArticleParser.maximumSize + 1))
        #expect(try problems(kb).catalog == ["Content/go/big.md:1: article is 8.1 MiB; the limit is 8 MiB"])
    }

    @Test func readingStopsAtTheLimitWhateverTheStatusSaid() throws {
        let kb = try TemporaryKnowledgeBase()
        try kb.write("grows.bin", Data(count: 4096))
        #expect(throws: FileError.self) { try FileSystem.read(kb.root + "/grows.bin", limit: 4095) }
        #expect(try FileSystem.read(kb.root + "/grows.bin", limit: 4096).count == 4096)
        // /proc files report size 0 and are read to their end.
        #expect(try FileSystem.read("/proc/self/status").count > 0)
    }

    @Test func irregularFilesAreErrorsNamingTheirPath() throws {
        let kb = try TemporaryKnowledgeBase(articles: ["ok": TemporaryKnowledgeBase.article()])
        let files = FileManager.default, go = kb.root + "/Content/go/"
        #expect(mkfifo(go + "pipe.md", 0o644) == 0)
        try files.createSymbolicLink(atPath: go + "gone.md", withDestinationPath: kb.root + "/nowhere.md")
        try files.createSymbolicLink(atPath: go + "null.md", withDestinationPath: "/dev/null")
        try files.createDirectory(atPath: go + "x.md", withIntermediateDirectories: false)
        try files.createSymbolicLink(atPath: go + "loop.md", withDestinationPath: "loop.md")
        let expected = [
            "gone.md:1: is a symbolic link to a file that does not exist",
            "loop.md:1: cannot be examined: Too many levels of symbolic links",
            "null.md:1: is a device, not a regular file",
            "pipe.md:1: is a FIFO (named pipe), not a regular file",
            "x.md:1: is a directory, not a regular file",
        ].map { "Content/go/\($0); remove it or put the article there" }
        let found = try problems(kb)
        #expect(found.catalog == expected)
        #expect(found.index == expected)
    }

    /// A FIFO appearing after a good index changes the fingerprint, so the
    /// next refresh looks and reports it rather than skipping.
    @Test func fifoAfterAGoodIndexIsNoticed() throws {
        let kb = try TemporaryKnowledgeBase(articles: ["ok": TemporaryKnowledgeBase.article()])
        try kb.index().refresh()
        #expect(mkfifo(kb.root + "/Content/go/pipe.md", 0o644) == 0)
        #expect(try problems(kb).index.count == 1)
    }

    @Test func tagListThatIsAFIFODoesNotHang() throws {
        let kb = try TemporaryKnowledgeBase(articles: ["ok": TemporaryKnowledgeBase.article()])
        try kb.remove("Content/tags.yml")
        #expect(mkfifo(kb.root + "/Content/tags.yml", 0o644) == 0)
        let found = try problems(kb)
        let expected = "Content/tags.yml:1: cannot read: is a FIFO (named pipe), not a regular file"
        #expect(found.catalog == [expected])
        #expect(found.index == [expected])
    }

    @Test func checkCommandReportsAFIFOInsteadOfAllValid() throws {
        let kb = try TemporaryKnowledgeBase(articles: ["ok": TemporaryKnowledgeBase.article()])
        #expect(mkfifo(kb.root + "/Content/go/pipe.md", 0o644) == 0)
        let result = try ProcessMemorySuites.DeepNestingTests().leakkb(["check"], root: kb.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/go/pipe.md:1: is a FIFO (named pipe), not a regular file"))
        #expect(!result.stderr.contains("all valid"))
    }

    struct TimedOut: Error {}

    /// Runs `body` on another thread and gives up after two seconds, so a
    /// blocking open fails the test instead of hanging the suite.
    func withinTwoSeconds<T: Sendable>(_ body: @escaping @Sendable () -> T) throws -> T {
        nonisolated(unsafe) var result: T?
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            result = body()
            done.signal()
        }
        guard done.wait(timeout: .now() + 2) == .success, let result else { throw TimedOut() }
        return result
    }
}
