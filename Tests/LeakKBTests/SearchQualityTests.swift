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

/// What people type when they have the symptom, and the article they need
/// in the first three results of the real catalogue.
@Suite struct SearchQualityTests {
    static let index: Index = {
        let path = FileManager.default.temporaryDirectory.path + "/leakkb-quality-\(UUID().uuidString).sqlite"
        let index = try! Index(root: Repository.root, path: path)
        try! index.refresh()
        return index
    }()

    static let cases: [(String, String)] = [
        ("goroutine", "goroutine-blocked-send"),
        ("goroutine leak", "goroutine-blocked-send|goroutine-blocked-receive|worker-without-quit|first-response-wins"),
        ("time.After", "time-after-in-loop"),
        ("ticker", "ticker-not-stopped"),
        ("response body", "http-body-not-closed"),
        ("resp.Body.Close", "http-body-not-closed"),
        ("too many open files", "file-not-closed"),
        ("assignment to entry in nil map", "nil-map"),
        ("concurrent map writes", "concurrent-map-writes"),
        ("map delete memory", "map-never-shrinks"),
        ("substring", "substring-retains-string"),
        ("空map", "nil-map"),
        ("协程泄漏", "goroutine-blocked-send|goroutine-blocked-receive|first-response-wins|waitgroup-never-done"),
        ("子切片", "subslice-retains-array"),
        ("定时器泄漏", "time-after-in-loop"),
        ("defer in loop", "defer-in-loop"),
        ("zombie process", "exec-without-wait"),
        ("cmd.Wait", "exec-without-wait"),
        ("context cancel not called", "context-cancel-not-called"),
        ("lostcancel", "context-cancel-not-called"),
        ("WaitGroup", "waitgroup-never-done"),
        ("wg.Done", "waitgroup-never-done"),
        ("mutex unlock", "mutex-never-unlocked"),
        ("nil channel", "nil-channel-blocks-forever"),
        ("first response", "first-response-wins"),
        ("sync.Pool", "pool-keeps-huge-buffers"),
        ("finalizer", "finalizer-cycle"),
        ("SetFinalizer cycle", "finalizer-cycle"),
        ("sync.Map", "sync-map-pointer-keys"),
        ("unbounded cache", "unbounded-cache"),
        ("LRU", "unbounded-cache"),
        ("slice of maps", "slice-of-nil-maps"),
        ("closure captures", "closure-captures-large-struct"),
        ("open addressing", "myth-map-open-addressing"),
        ("swiss table", "myth-map-open-addressing"),
        ("dangling pointer", "myth-gc-dangling-pointers"),
        ("map copy", "myth-map-assignment-copies"),
        ("worker quit", "worker-without-quit"),
        ("cancel func map", "cancel-funcs-in-map"),
        ("s = s[:0] pointers", "truncated-slice-of-pointers"),
        ("map never shrinks", "map-never-shrinks"),
    ]

    /// A renamed or removed article turns its cases into a clear message here,
    /// rather than into a search that seems to have got worse.
    @Test func everyWantedArticleIsInTheCatalogue() throws {
        let slugs = Set(try Self.index.patterns().map(\.slug))
        let missing = Self.cases.flatMap { query, wanted in
            wanted.split(separator: "|").filter { !slugs.contains(String($0)) }.map { "'\(query)' wants '\($0)'" }
        }
        #expect(missing.isEmpty, "not in Content/: \(missing.joined(separator: ", "))")
    }

    @Test(arguments: cases)
    func symptomFindsItsPatternInTheTopThree(query: String, slug: String) throws {
        let hits = try Self.index.search(SearchQuery(parsing: query), limit: 3).map(\.slug)
        let wanted = slug.split(separator: "|").map(String.init)
        #expect(hits.contains { wanted.contains($0) }, "'\(query)' → \(hits)")
    }
}
