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

    /// Words and names: a query and the slugs (`a|b`) one of which must be in
    /// the first three, or `kind:<kind>` for a query any such article answers.
    static let words: [(String, String)] = [
        ("goroutine", "kind:goroutine-leak"),
        ("goroutine leak", "kind:goroutine-leak"),
        ("time.After", "time-after-in-loop"),
        ("ticker", "ticker-not-stopped"),
        ("response body", "http-body-not-closed|http-body-not-drained"),
        ("resp.Body.Close", "http-body-not-closed"),
        ("too many open files", "file-not-closed|defer-in-loop"),
        ("assignment to entry in nil map", "nil-map"),
        ("concurrent map writes", "concurrent-map-writes"),
        ("map delete memory", "map-never-shrinks"),
        ("substring", "substring-retains-string"),
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
        ("sync.Map", "sync-map-pointer-keys|myth-sync-map-segmented-locks"),
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
        // Frames, wait states and knobs, as dumps and docs spell them.
        ("runtime.gopark", "kind:goroutine-leak"),
        ("chanrecv", "goroutine-blocked-receive|nil-channel-blocks-forever|range-over-unclosed-channel"),
        ("runtime.chansend1", "goroutine-blocked-send|first-response-wins"),
        ("semacquire", "waitgroup-never-done|mutex-never-unlocked|sync-cond-never-signalled"),
        ("sync.runtime_SemacquireMutex", "mutex-never-unlocked"),
        ("selectgo", "kind:goroutine-leak"),
        ("persistConn.readLoop", "http-body-not-closed|http-client-per-request"),
        ("IO wait", "conn-without-read-deadline|listener-never-closed|server-without-read-header-timeout"),
        ("threadcreate", "os-thread-growth-blocking-syscalls"),
        ("madvdontneed", "rss-stays-high-after-heap-shrinks"),
        ("GOMEMLIMIT", "gomemlimit-container-oom"),
        ("HeapReleased", "rss-stays-high-after-heap-shrinks"),
        ("ReadHeaderTimeout", "server-without-read-header-timeout"),
        ("cgo.NewHandle", "cgo-handle-not-deleted"),
        ("asynctimerchan", "time-after-in-loop|ticker-not-stopped"),
        ("context deadline exceeded", "kind:goroutine-leak"),
        ("OOM killed", "gomemlimit-container-oom"),
        ("memory leak", "!myth"),
    ]

    /// What people write when they have the problem, whole sentences.
    static let sentences: [(String, String)] = [
        ("goroutine count keeps increasing", "kind:goroutine-leak"),
        ("goroutines blocked on chan receive", "goroutine-blocked-receive|range-over-unclosed-channel"),
        ("goroutines stuck in chan send after a timeout", "goroutine-blocked-send|first-response-wins"),
        ("mutex deadlock requests hang", "mutex-never-unlocked"),
        ("RSS high but heap small", "rss-stays-high-after-heap-shrinks|cgo-cstring-not-freed"),
        ("the process was OOM killed in its container", "gomemlimit-container-oom"),
        ("too many open files after running for a while", "file-not-closed|defer-in-loop|http-body-not-closed"),
        ("memory stays high after deleting map entries", "map-never-shrinks|myth-delete-frees-map-memory"),
        ("panic: assignment to entry in nil map", "nil-map|slice-of-nil-maps"),
        ("fatal error: concurrent map writes", "concurrent-map-writes|myth-unlocked-map-writes-leak"),
        ("time.After in a for select loop uses a lot of memory", "time-after-in-loop"),
        ("the ticker keeps firing after the function returned", "ticker-not-stopped"),
        ("the http client opens a new connection for every request", "http-client-per-request|http-body-not-drained"),
        ("response body not closed leaks connections", "http-body-not-closed"),
        ("server goroutines pile up with slow clients", "server-without-read-header-timeout"),
        ("the handler keeps running after TimeoutHandler returned 503", "timeout-handler-keeps-working"),
        ("zombie processes after exec.Command", "exec-without-wait"),
        ("wg.Wait never returns", "waitgroup-never-done|errgroup-without-cancel"),
        ("the cancel function of context.WithTimeout is never called", "context-cancel-not-called"),
        ("a small substring keeps a huge string alive", "substring-retains-string"),
        ("a pointer to one element keeps the whole array alive", "interior-pointer-keeps-array|subslice-retains-array"),
        ("sync.Pool holds on to very large buffers", "pool-keeps-huge-buffers|slice-capacity-never-shrinks"),
        ("the buffer capacity never shrinks after one large message", "slice-capacity-never-shrinks"),
        ("memory from C.CString is never freed", "cgo-cstring-not-freed"),
        ("database connections stay in use after the query", "sql-rows-not-closed"),
        ("metrics memory grows with every user id label", "unbounded-metric-label-cardinality"),
        ("the number of OS threads keeps growing", "os-thread-growth-blocking-syscalls"),
        ("io.Pipe writer blocked forever", "io-pipe-writer-stuck"),
        ("goroutines waiting on sync.Cond forever", "sync-cond-never-signalled"),
        ("errgroup Wait hangs after the first error", "errgroup-without-cancel"),
        ("closures in a loop all see the last value", "loop-variable-capture"),
        ("signal.Notify is called for every request", "signal-notify-without-stop"),
        ("the context value chain grows in a loop", "context-value-chain-in-loop"),
        ("time.AfterFunc timers that are never stopped", "time-afterfunc-without-stop"),
        ("reading from a connection blocks forever", "conn-without-read-deadline"),
        ("a listener is never closed in tests", "listener-never-closed"),
        ("does sync.Map use segmented locks", "myth-sync-map-segmented-locks"),
        ("does the garbage collector leave dangling pointers", "myth-gc-dangling-pointers"),
        ("a finalizer never runs on objects in a cycle", "finalizer-cycle"),
        ("one goroutine per event in front of a slow consumer", "goroutine-per-event-slow-consumer"),
        ("a buffered channel full of large items nobody reads", "buffered-channel-holds-large-items"),
    ]

    /// The same needs in Chinese, as Chinese-speaking developers search.
    static let chinese: [(String, String)] = [
        ("内存泄露", "!myth"),
        ("内存泄漏", "!myth"),
        ("goroutine泄露", "kind:goroutine-leak"),
        ("协程泄漏", "kind:goroutine-leak"),
        ("定时器泄漏", "ticker-not-stopped|time-after-in-loop|time-afterfunc-without-stop"),
        ("空map", "nil-map"),
        ("子切片", "subslice-retains-array"),
        ("死锁", "mutex-never-unlocked"),
        ("文件描述符泄漏", "file-not-closed|defer-in-loop"),
        ("僵尸进程", "exec-without-wait"),
        ("连接泄漏", "http-body-not-closed|sql-rows-not-closed|http-client-per-request"),
        ("闭包", "closure-captures-large-struct|closures-in-global-map|loop-variable-capture"),
        ("通道阻塞", "goroutine-blocked-send|goroutine-blocked-receive|nil-channel-blocks-forever"),
        ("上下文 取消", "context-cancel-not-called"),
        ("缓存 无限增长", "unbounded-cache"),
        ("垃圾回收 悬挂指针", "myth-gc-dangling-pointers"),
        ("互斥锁 未解锁", "mutex-never-unlocked"),
        ("数据库连接 泄漏", "sql-rows-not-closed"),
        ("协程 数量 一直 增长", "kind:goroutine-leak"),
    ]

    static var cases: [(String, String)] { words + sentences + chinese }

    /// A renamed or removed article turns its cases into a clear message here,
    /// rather than into a search that seems to have got worse.
    @Test func everyWantedArticleIsInTheCatalogue() throws {
        let slugs = Set(try Self.index.patterns().map(\.slug))
        let missing = Self.cases.filter { !$0.1.hasPrefix("kind:") && !$0.1.hasPrefix("!") }.flatMap { query, wanted in
            wanted.split(separator: "|").filter { !slugs.contains(String($0)) }.map { "'\(query)' wants '\($0)'" }
        }
        #expect(missing.isEmpty, "not in Content/: \(missing.joined(separator: ", "))")
    }

    @Test(arguments: cases)
    func symptomFindsItsPatternInTheTopThree(query: String, wanted: String) throws {
        let hits = try Self.index.search(SearchQuery(parsing: query), limit: 3)
        #expect(!hits.isEmpty, "'\(query)' found nothing")
        if wanted == "!myth" {
            #expect(hits.first?.kind != .myth, "'\(query)' → \(hits.map(\.slug))")
        } else if wanted.hasPrefix("kind:") {
            #expect(hits.contains { $0.kind.rawValue == wanted.dropFirst(5) }, "'\(query)' → \(hits.map(\.slug))")
        } else {
            let slugs = wanted.split(separator: "|").map(String.init)
            #expect(hits.contains { slugs.contains($0.slug) }, "'\(query)' → \(hits.map(\.slug))")
        }
    }
}
