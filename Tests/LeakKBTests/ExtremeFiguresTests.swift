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

/// Every renderer of figures is total over any `Double`: the terminal
/// table, the chart, the site's pages and the API's JSON. A run recorded by
/// an older build (before figures were bounded when read) or a ratio of two
/// figures can hold anything; none of it may crash leakkb or its server.
@Suite(.serialized) struct ExtremeFiguresTests {
    static let values: [Double] = [
        1e300, -1e300, .infinity, -.infinity, .nan, 0x1p63, -0x1p63, -0.0, .leastNonzeroMagnitude,
        -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1p53, 1e15 - 0.05,
    ]
    static let metrics = [
        "heap_inuse", "heap_objects", "total_alloc", "goroutines", "open_fds", "vm_rss_kib",
        "vm_hwm_kib", "leaked_goroutines", "custom_bytes", "custom_count",
    ]
    static let claims = [
        "leaky.after.goroutines >= 10 * fixed.after.goroutines",
        "leaky.delta.heap_inuse > 1 MiB",
        "leaky.after.vm_rss_kib <= 1_000_000_000_000_000_000_000 * fixed.after.vm_rss_kib",
        "fixed.delta.open_fds == 0",
    ]

    static func run(_ variant: Variant, _ before: Double, _ after: Double) -> VariantRun {
        var run = VariantRun(variant: variant, exitStatus: "exited with status 0", seconds: 0.1, stderrTail: "")
        run.before = Dictionary(uniqueKeysWithValues: metrics.map { ($0, before) })
        run.after = Dictionary(uniqueKeysWithValues: metrics.map { ($0, after) })
        return run
    }

    static func report(_ slug: String = "extreme", leaky: VariantRun, fixed: VariantRun) throws -> DemoReport {
        DemoReport(
            pattern: slug, kind: .goroutineLeak, claims: try .init(parsing: claims),
            figures: DemoFigures(toolchain: GoVersion(major: 1, minor: 27), leaky: leaky, fixed: fixed),
            cached: true, buildSeconds: 0, startedAt: Date())
    }

    /// Every pair of values, as before/after of the leaky variant and of the fixed one.
    static var pairs: [(VariantRun, VariantRun)] {
        values.flatMap { a in values.map { b in (run(.leaky, a, b), run(.fixed, b, a)) } }
    }

    @Test func quantityIsTotal() {
        for value in Self.values {
            for metric in Self.metrics {
                let text = Quantity.format(value, metric: metric)
                #expect(!text.isEmpty && text.count < 40, "\(value) \(metric): \(text)")
            }
            #expect(!Quantity.oneDecimal(value).isEmpty)
        }
        #expect(Quantity.number(.nan) == "NaN")
        #expect(Quantity.bytes(-.infinity) == "-∞")
        #expect(Quantity.bytes(0x1p53) == "8.0 PiB")
        #expect(Quantity.number(-0.0) == "0")
        #expect(Quantity.bytes(.leastNonzeroMagnitude) == "0 B")
        #expect(Quantity.number(-1e300) == "-1e+300")
    }

    @Test func terminalTableAndClaimsAreTotal() throws {
        for (leaky, fixed) in Self.pairs {
            let report = try Self.report(leaky: leaky, fixed: fixed)
            let text = DemoTable(style: TerminalStyle(enabled: false)).render(report)
            #expect(text.contains("claims") && text.contains(report.passed ? "PASS" : "FAIL"))
            #expect(!DemoTable.keyRatio(report.figures).isEmpty)
            #expect(report.claims.count == Self.claims.count)
        }
    }

    @Test func chartIsTotalAndItsBarsStayInTheirPanel() throws {
        let width = try Regex(#"<rect [^>]*width="(-?[0-9]+)""#)
        for (leaky, fixed) in Self.pairs {
            let svg = Chart.html(
                figures: Figure.chart.map(Figure.named), leaky: leaky, fixed: fixed, toolchain: "go1.27.3")
            let widths = svg.matches(of: width).compactMap { Int($0.output[1].substring!) }
            #expect(svg.components(separatedBy: "<svg ").count - 1 == Figure.chart.count)
            #expect(widths.allSatisfy { (1...(Chart.width - Chart.labelWidth)).contains($0) }, "\(widths)")
        }
    }

    /// The pattern page's run section and claims, and the API's JSON of the
    /// same run, for values the index cannot even store (NaN, ±∞).
    @Test func pageContextAndAPIJSONAreTotal() throws {
        let kb = try TemporaryKnowledgeBase(articles: [:])
        let pages = SitePages(index: try kb.index(), templates: try Templates())
        for (leaky, fixed) in Self.pairs {
            let report = try Self.report(leaky: leaky, fixed: fixed)
            let latest = LatestRun(
                toolchain: "go1.27.3", startedAt: "2026-01-01T00:00:00Z", leaky: leaky, fixed: fixed,
                claims: report.claims, passed: report.passed)
            let claims = try [Claim](parsing: Self.claims)
            let context = pages.runContext(latest, of: .demo(claims: claims))
            #expect((context["rows"] as? [[String: Any]])?.count ?? 0 >= Figure.table.count)
            #expect(pages.verdictRows(Self.claims, role: .claim, runs: [latest]).count == Self.claims.count)
            let json = try JSONResponse.encode(
                RunList(runs: [
                    RecordedRun(
                        runID: "r", slug: "extreme", variant: .leaky, toolchain: "go1.27.3", startedAt: "t",
                        durationMs: 1, exitStatus: "exited with status 0", figures: leaky, claims: report.claims,
                        passed: false)
                ]))
            #expect(try JSONSerialization.jsonObject(with: Data(json.readableBytesView)) is [String: Any])
        }
    }

    /// Runs an older build could record (any finite figure) render in a
    /// whole exported site: this export crashed with SIGILL before.
    @Test func exportsASiteWithExtremeRecordedRuns() throws {
        let kb = try TemporaryKnowledgeBase(goroutineLeakDemo: "extreme", claims: Self.claims)
        let index = try kb.index()
        try index.refresh()
        let finite = Self.values.filter(\.isFinite)
        for (a, b) in zip(finite, finite.reversed()) {
            try index.record(try Self.report(leaky: Self.run(.leaky, a, b), fixed: Self.run(.fixed, b, a)))
        }
        let out = kb.root + "/site"
        let summary = try SiteExporter(pages: SitePages(index: index, templates: Templates())).export(to: out)
        #expect(summary.files > 5)
        let page = try String(contentsOfFile: out + "/patterns/extreme.html", encoding: .utf8)
        #expect(page.contains("<svg class=\"chart\""))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: kb.root)
        #expect(!siblings.contains { $0.contains(".leakkb-tmp-") })
    }

    /// The issue's report: one GET of the pattern page killed `serve`. The
    /// real server, a run with -1e300 recorded behind its back, real HTTP.
    @Test func serverAnswersPagesAndAPIWithExtremeRecordedRuns() async throws {
        let server = try ServerTests.Server()
        defer { server.stop() }
        let index = try Index(root: server.root)
        try index.refresh()
        let leaky = Self.run(.leaky, 1, -1e300), fixed = Self.run(.fixed, 1e300, 0x1p63)
        try index.record(try Self.report("nil-map", leaky: leaky, fixed: fixed))
        for path in ["/patterns/nil-map.html", "/api/patterns/nil-map", "/api/patterns/nil-map/runs", "/claims.html"] {
            let answer = try await server.get(path)
            #expect(answer.status == 200, "\(path)")
        }
        let runs = try await server.json("/api/patterns/nil-map/runs")
        #expect((runs.object["runs"] as? [Any])?.isEmpty == false)
        #expect(try await server.get("/healthz").status == 200)
    }
}
