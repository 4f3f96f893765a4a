// In-process search figures over a knowledge base (usually the synthetic one
// from Benchmarks/synthetic-catalogue): full index time and peak RSS, one-file
// incremental re-index, and search latency percentiles over mixed queries.
// Usage: leakkb-bench ROOT   (LEAKKB_BENCH_PER_QUERY=1 adds each query's median)
import Foundation
import LeakKBCatalog
import LeakKBIndex
import LeakKBModel

func residentKiB(_ field: String) -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

func milliseconds(_ duration: Duration) -> Double { duration.seconds * 1000 }

func format(_ value: Double) -> String { String(format: "%.2f", value) }

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: leakkb-bench ROOT\n".utf8))
    exit(2)
}
let root = CommandLine.arguments[1]
// The index, its runs file and its lock live in a directory of their own, removed at the end.
let scratch = NSTemporaryDirectory() + "leakkb-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
let database = scratch + "/index.sqlite"
defer { try? FileManager.default.removeItem(atPath: scratch) }

let clock = ContinuousClock()
let index = try Index(root: root, path: database)
let rssBefore = residentKiB("VmRSS")
var changes = IndexChanges()
let full = try clock.measure { changes = try index.refresh(force: true) }
print(
    "full index: \(changes.added.count) articles in \(format(full.seconds)) s; peak RSS \(residentKiB("VmHWM") / 1024) MiB (\(rssBefore / 1024) MiB before)"
)

let victim =
    root + "/Content/go/" + (try FileManager.default.contentsOfDirectory(atPath: root + "/Content/go").sorted()[42])
let original = try Data(contentsOf: URL(fileURLWithPath: victim))
try (original + Data("\nOne more sentence about goroutine leaks.\n".utf8)).write(to: URL(fileURLWithPath: victim))
let incremental = try clock.measure { changes = try index.refresh() }
try original.write(to: URL(fileURLWithPath: victim))
print("incremental re-index of one changed file: \(format(milliseconds(incremental))) ms (changed: \(changes.changed))")
_ = try index.refresh()
let noChange = try clock.measure { _ = try index.refresh() }
print("freshness check with nothing changed: \(format(milliseconds(noChange))) ms")

let broad = ["goroutine", "channel", "timer", "heap", "map", "leak goroutine", "buffer", "cache", "pprof", "slice"]
let narrow = [
    "goroutine channel", "deadlock descriptor", "finalizer pool", "mutex waitgroup", "socket", "ticker context",
    "tag:map goroutine", "kind:crash heap", "gorou", "substri",
]
let substrings = ["oroutin", "scripto"]
var queries: [String] = []
for n in 0..<220 {
    let pool: [String] = n % 10 == 9 ? substrings : n % 2 == 0 ? broad : narrow
    queries.append(pool[(n / 2) % pool.count])
}
var samples: [Double] = []
var hitCount = 0
for text in queries {
    let query = try SearchQuery(parsing: text)
    let elapsed = try clock.measure { hitCount += try index.search(query, limit: 10).count }
    samples.append(milliseconds(elapsed))
}
// With LEAKKB_BENCH_PER_QUERY set, each query's median of 41 runs too: where a change moved the mix.
if ProcessInfo.processInfo.environment["LEAKKB_BENCH_PER_QUERY"] != nil {
    for text in Set(queries).sorted() {
        let query = try SearchQuery(parsing: text)
        let times = try (0..<41).map { _ in milliseconds(try clock.measure { _ = try index.search(query, limit: 10) }) }
        print("search \"\(text)\": median \(format(times.sorted()[20])) ms")
    }
}
samples.sort()
let p50 = samples[samples.count / 2], p99 = samples[samples.count * 99 / 100]
print(
    "search latency over \(samples.count) mixed queries (limit 10, snippets included): p50 \(format(p50)) ms, p99 \(format(p99)) ms, max \(format(samples.last!)) ms; \(hitCount) hits"
)

// Last, so its memory does not count in the index's peak RSS above.
let parseOnly = try clock.measure { _ = try Catalog.load(root: root) }
print(
    "for comparison, reading and validating every article without the database: \(format(parseOnly.seconds)) s (single thread)"
)
