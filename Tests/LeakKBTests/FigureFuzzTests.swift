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
@testable import LeakKBTerminal

/// Random demo output through the protocol reader and, where it is
/// accepted, through every renderer of figures: the terminal table, the
/// chart, the site's pattern page (via a recorded run) and the API's JSON.
/// No input may crash; every refusal is a protocol error with a message.
/// `LEAKKB_FUZZ_SEED=n` replays a run; the seed is printed either way.
@Suite(.serialized) struct FigureFuzzTests {
    static let metrics = [
        "heap_inuse", "heap_objects", "total_alloc", "goroutines", "open_fds", "vm_rss_kib",
        "vm_hwm_kib", "leaked_goroutines", "extra_bytes",
    ]
    static let claims = [
        "leaky.after.goroutines >= 10 * fixed.after.goroutines",
        "leaky.delta.heap_inuse > 1 MiB",
        "fixed.after.open_fds <= 0.5 * leaky.after.open_fds",
        "leaky.panic == none",
    ]
    /// Spellings of values that are not figures, or are figures at the edge.
    static let hostileValues = [
        "-1e300", "1e300", "1e999", "-1e999", "1e-400", "5e-324", "-0", "-0.0", "9007199254740992", "-9007199254740992",
        "9007199254740993", "9223372036854775807", "18446744073709551616", String(repeating: "9", count: 400),
        "NaN", "Infinity", "-Infinity", "inf", "0x10", "01", "1.", ".5", "-", "1e", "+1", "1_000",
        "\"12\"", "\"\"", "{\"a\":1}", "[1,2]", "[]", "{}", "true", "false", "null",
        String(repeating: "[", count: 5000),
    ]

    struct Fuzzer {
        var random: SplitMix64

        mutating func number() -> String {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: String(Int.random(in: 0...1_000_000, using: &random))
            case 1: String(Double.random(in: -1e12...1e12, using: &random))
            case 2: String(UInt64.random(in: 0...(1 << 53), using: &random))
            default: FigureFuzzTests.hostileValues.randomElement(using: &random)!
            }
        }

        mutating func key() -> String {
            Int.random(in: 0..<8, using: &random) > 0
                ? "custom_\(Int.random(in: 0..<100, using: &random))"
                : [
                    "", "a b", "\\u001b[2J", "phase", "variant", "event", "message", "heap_inuse",
                    String(repeating: "k", count: 100), "é",
                ].randomElement(using: &random)!
        }

        mutating func line(variant: String, phase: String) -> String {
            var members = ["\"variant\":\"\(variant)\"", "\"phase\":\"\(phase)\""]
            for metric in FigureFuzzTests.metrics where Bool.random(using: &random) || metric == "goroutines" {
                members.append("\"\(metric)\":\(String(Int.random(in: 0...100_000_000, using: &random)))")
            }
            if Int.random(in: 0..<3, using: &random) == 0 { members.append("\"\(key())\":\(number())") }
            if Int.random(in: 0..<20, using: &random) == 0 {
                let stray = ["\"event\":\"panic\"", "\"message\":\"x\"", "\"variant\":\"fixed\""]
                members.append(stray.randomElement(using: &random)!)
            }
            members.shuffle(using: &random)
            return "{" + members.joined(separator: ",") + "}"
        }

        mutating func mutate(_ line: String) -> [UInt8] {
            var bytes = Array(line.utf8)
            switch Int.random(in: 0..<16, using: &random) {
            case 0 where !bytes.isEmpty: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            case 1 where !bytes.isEmpty:
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let byte = UInt8.random(in: 0...255, using: &random)
                    // One line stays one line.
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = byte == 0x0A ? 0x0B : byte
                }
            case 2:
                bytes = (0..<Int.random(in: 1...64, using: &random))
                    .map { _ in UInt8.random(in: 0...255, using: &random) }.filter { $0 != 0x0A }
            default: break
            }
            return bytes
        }

        /// A variant's whole stdout: mostly well-formed, often not.
        mutating func output(variant: String) -> (bytes: [UInt8], lines: Int) {
            var lines: [[UInt8]] = [mutate(line(variant: variant, phase: "before"))]
            if Int.random(in: 0..<8, using: &random) == 0 {
                lines.append(Array("{\"variant\":\"\(variant)\",\"event\":\"panic\",\"message\":\"boom\"}".utf8))
            }
            lines.append(mutate(line(variant: variant, phase: "after")))
            if Int.random(in: 0..<10, using: &random) == 0 {
                let phase = ["before", "after"].randomElement(using: &random)!
                lines.append(Array(line(variant: variant, phase: phase).utf8))
            }
            return (Array(lines.joined(separator: [0x0A])), lines.count)
        }
    }

    @Test(.timeLimit(.minutes(1))) func randomFigureLinesNeverCrashAndAlwaysExplain() throws {
        var fuzzer = Fuzzer(random: SplitMix64.announced(by: "FigureFuzzTests"))

        let kb = try TemporaryKnowledgeBase(goroutineLeakDemo: "fuzz", claims: Self.claims)
        let index = try kb.index()
        try index.refresh()
        let pages = SitePages(index: index, templates: try Templates())
        let table = DemoTable(style: TerminalStyle(enabled: true))
        let started = ContinuousClock.now
        var lines = 0, accepted = 0, refused = 0
        while lines < 4_000 && ContinuousClock.now - started < .seconds(25) {
            var runs: [VariantRun] = []
            for variant in Variant.allCases {
                let (bytes, count) = fuzzer.output(variant: variant.rawValue)
                lines += count
                var run = VariantRun(variant: variant, exitStatus: "exited with status 0", seconds: 0.1, stderrTail: "")
                do {
                    try FigureLine.read(bytes, into: &run, slug: "fuzz")
                } catch {
                    guard case .badFigureLine(let slug, _, let line, _, let problem) = error,
                        slug == "fuzz", (1...count).contains(line), !problem.isEmpty
                    else {
                        Issue.record("not a protocol error: \(error)")
                        continue
                    }
                    #expect(error.description.hasPrefix("demo 'fuzz' (\(variant)), stdout line \(line): "))
                    #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 }, "\(error.description)")
                    refused += 1
                    continue
                }
                for figure in Array((run.before ?? [:]).values) + Array((run.after ?? [:]).values) {
                    #expect(figure.isFinite && abs(figure) <= FigureLine.bound, "accepted \(figure)")
                }
                runs.append(run)
            }
            guard runs.count == 2 else { continue }
            accepted += 1
            try render(
                DemoFigures(toolchain: GoVersion(major: 1, minor: 27), leaky: runs[0], fixed: runs[1]),
                table: table, pages: pages, index: index, fullPage: accepted % 2 == 0)
        }
        print("FigureFuzzTests: \(lines) lines, \(accepted) accepted pairs, \(refused) refusals")
        #expect(lines >= 2_000, "only \(lines) lines within the time bound")
        #expect(accepted > 50 && refused > 200)
    }

    /// Every renderer over one accepted run; for every other run the whole
    /// pattern page too (recorded, rendered from the index, forgotten again),
    /// which costs a write each.
    func render(_ figures: DemoFigures, table: DemoTable, pages: SitePages, index: Index, fullPage: Bool) throws {
        let report = DemoReport(
            pattern: "fuzz", kind: .goroutineLeak, claims: try .init(parsing: Self.claims),
            figures: figures, cached: true, buildSeconds: 0, startedAt: Date())
        #expect(report.claims.count == Self.claims.count)
        #expect(table.render(report).contains("fuzz"))
        let claims = try [Claim](parsing: Self.claims)
        #expect(
            Chart.html(
                figures: Figure.chart.map(Figure.named), leaky: figures.leaky, fixed: figures.fixed, toolchain: "go1.27"
            )
            .hasSuffix("</svg></div>"))
        let latest = LatestRun(
            toolchain: "go1.27", startedAt: "now", leaky: figures.leaky, fixed: figures.fixed,
            claims: report.claims, passed: report.passed)
        #expect(pages.runContext(latest, of: .demo(claims: claims))["chart"] != nil)
        _ = try JSONResponse.encode(latest)
        guard fullPage else { return }
        try index.record(report)
        #expect(try pages.pattern("fuzz")?.contains("<svg class=\"chart\"") == true)
        let api = try JSONResponse.encode(RunList(runs: try index.runs(of: "fuzz")))
        #expect(try JSONSerialization.jsonObject(with: Data(api.readableBytesView)) is [String: Any])
        try index.database.write { try $0.execute(sql: "DELETE FROM demo_runs") }
    }
}
