import Foundation
import Testing
@testable import LeakKBCatalog
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBSite

/// The pieces of a pattern page, each on inputs chosen to break it: the
/// list of figures, paths in recorded output, the status sentence, inline
/// summaries, Go highlighting, section permalinks and chart panels.
@Suite struct PatternPageTests {
    @Test func figuresHaveUnitsAndLabelsFromTheOneList() {
        let rss = Figure.named("vm_rss_kib")
        #expect(rss.label == "resident memory (VmRSS)" && rss.format(4480) == "4.4 MiB")
        #expect(rss.recordedUnitNote == "recorded in KiB")
        #expect(Figure.named("stack_inuse").format(294_912) == "288.0 KiB")
        #expect(Quantity.format(294_912, metric: "stack_inuse") == "288.0 KiB")
        #expect(Figure.named("peak_extra_fds").label == "peak extra fds")
        #expect(Figure.named("lookup_ns").label == "lookup (ns)")
        #expect(Figure.named("scrape_bytes").format(2048) == "2.0 KiB")
        #expect(Figure.named("idle_rss_kib").format(1024) == "1.0 MiB")
        #expect(Figure.named("_ns").label == "ns" && Figure.named("").label.isEmpty)
    }

    @Test func claimedFiguresComeFirstAndOnlyRecordedOnesShow() throws {
        let claims = [
            try Claim("leaky.after.mallocs >= 1000 * fixed.after.mallocs"), try Claim("leaky.delta.open_fds <= 5"),
        ]
        let observations = [try Claim("leaky.after.cache_entries")]
        let shown = Figure.shown(
            claims: claims, observations: observations, defaults: Figure.chart,
            recorded: ["mallocs", "open_fds", "cache_entries", "heap_inuse", "goroutines"])
        #expect(shown.map(\.name) == ["mallocs", "open_fds", "cache_entries", "heap_inuse", "goroutines"])
        let none = Figure.shown(claims: claims, observations: [], defaults: Figure.chart, recorded: [])
        #expect(none.isEmpty)
    }

    @Test func pathsUnderTheKnowledgeBaseAreShownRelative() {
        let root = "/srv/kb"
        #expect(
            "open /srv/kb/.leakkb/cache/go1.27.3/x-1: too many open files".relativizingPaths(under: root)
                == "open .leakkb/cache/go1.27.3/x-1: too many open files")
        #expect(
            "\t/srv/kb/Demos/go/x/main.go:31 +0xa5".relativizingPaths(under: root + "/")
                == "\tDemos/go/x/main.go:31 +0xa5")
        // Recorded under another root (a moved or copied knowledge base): cut at its own directories.
        #expect(
            "(/home/ci/leakkb/.tools/go/src/runtime/panic.go:1195)".relativizingPaths(under: root)
                == "(.tools/go/src/runtime/panic.go:1195)")
        #expect("cd /srv/kb".relativizingPaths(under: root) == "cd .")
        // Not paths under it: kept.
        for text in [
            "see https://go.dev/ref/spec#Map_types", "/srv/kbx/file", "a/srv/kb/b", "/etc/passwd", "", "/", "//",
            "ratio 3/4",
        ] {
            #expect(text.relativizingPaths(under: root) == text, "\(text)")
        }
        #expect("x".relativizingPaths(under: "") == "x" && "/a/Demos/".relativizingPaths(under: "/") == "Demos/")
        let run = VariantRun(
            variant: .leaky, panic: "open /srv/kb/.leakkb/c: x", exitStatus: "exited with status 2", seconds: 0,
            stderrTail: "\t/srv/kb/Demos/go/x/main.go:3")
        let relative = run.relativizingPaths(under: root)
        #expect(relative.panic == "open .leakkb/c: x" && relative.stderrTail == "\tDemos/go/x/main.go:3")
    }

    @Test func recordedRunsAreReadWithRelativePaths() throws {
        let kb = try TemporaryKnowledgeBase(articles: [
            "leaky-thing": TemporaryKnowledgeBase.article(title: "A leaky thing", summary: "Leaks.")
        ])
        let index = try kb.index()
        try index.refresh()
        let figures = DemoFigures(
            toolchain: GoVersion("1.27.3")!,
            leaky: VariantRun(
                variant: .leaky, panic: "open \(kb.root)/.leakkb/cache/x: too many open files",
                exitStatus: "exited with status 2", seconds: 0, stderrTail: "\(kb.root)/Demos/go/x/main.go:1"),
            fixed: nil)
        try index.record(
            DemoReport(
                pattern: "leaky-thing", kind: .leak, claims: [try Claim("leaky.panic contains 'too many'")],
                figures: figures, cached: true, buildSeconds: 0, startedAt: Date()))
        let run = try #require(try index.runs(of: "leaky-thing").first)
        #expect(run.figures.panic == "open .leakkb/cache/x: too many open files")
        #expect(run.figures.stderrTail == "Demos/go/x/main.go:1")
        #expect(run.claims.allSatisfy { !$0.detail.contains(kb.root) })
    }

    @Test func statusSaysHowManyClaimsHoldWhereAndWhen() throws {
        let claims = [try Claim("leaky.after.goroutines >= 100"), try Claim("go<1.23: fixed.after.goroutines <= 2")]
        func run(_ toolchain: String, _ statuses: [ClaimResult.Status], day: String) -> LatestRun {
            LatestRun(
                toolchain: toolchain, startedAt: "\(day)T10:00:00Z", leaky: nil, fixed: nil,
                claims: zip(claims, statuses).map { ClaimResult(claim: $0.text, status: $1, detail: "") },
                passed: !statuses.contains(.failed))
        }
        let good = ClaimStatus(
            claims: claims,
            runs: [
                run("go1.27.3", [.passed, .notApplicable], day: "2026-11-29"),
                run("go1.22.10", [.passed, .passed], day: "2026-11-28"),
            ])
        #expect(good.sentence == "2 of 2 claims hold on go1.27.3 and go1.22.10, measured 2026-11-29" && good.holds)
        let bad = ClaimStatus(claims: claims, runs: [run("go1.22.10", [.passed, .failed], day: "2026-11-28")])
        #expect(
            bad.sentence == "1 of 2 claims holds on go1.22.10 (1 failed on go1.22.10), measured 2026-11-28"
                && !bad.holds)
        #expect(bad.failing == ["go<1.23: fixed.after.goroutines <= 2"])
        let never = ClaimStatus(claims: claims, runs: [])
        #expect(never.sentence == "2 claims, not measured yet" && !never.holds)
    }

    @Test func summariesRenderTheirMarkdown() {
        let summary = InlineMarkdown("`m2 := m1` copies one *pointer* <b>x</b> & more")
        #expect(
            summary.html
                == "<code>m2 := m1</code> copies one <em>pointer</em> <!-- raw HTML omitted -->x<!-- raw HTML omitted --> &amp; more"
        )
        #expect(summary.text == "m2 := m1 copies one pointer x & more")
        #expect(!summary.text.contains("`") && !summary.html.contains("<p>"))
        #expect(InlineMarkdown("").html.isEmpty && InlineMarkdown("").text.isEmpty)
        #expect(InlineMarkdown("a\n\nb").html == "<p>a</p>\n<p>b</p>")
    }

    @Test func goHighlightingMarksTokensAndKeepsEveryByte() {
        let source = """
            package main // c
            func f() { s := "a\\"b"; r := 'x'; n := 0x1p-3 + 1e+9; _ = `raw
            line`; /* block */ append(s, nil); x.len() }
            """
        let html = GoSyntax.html(source)
        #expect(html.contains("<span class=\"k\">package</span>") && html.contains("<span class=\"c\">// c</span>"))
        #expect(html.contains("<span class=\"s\">&quot;a\\&quot;b&quot;</span>"))
        #expect(html.contains("<span class=\"n\">0x1p-3</span>") && html.contains("<span class=\"n\">1e+9</span>"))
        #expect(html.contains("<span class=\"s\">`raw\nline`</span>") && html.contains("<span class=\"b\">nil</span>"))
        #expect(!html.contains("<span class=\"b\">len</span>"), "a method named len is not the builtin")
        // Hostile input: unterminated strings and comments, stray quotes, markup, invalid UTF-8, NUL.
        var random = SplitMix64(seed: 16)
        let alphabet = Array("\"'`/*\\\n\t <>&0x1e+.pfunc é日\u{0}".utf8) + [0xFF, 0xC3]
        for length in [0, 1, 2, 3, 17, 400] + Array(repeating: 64, count: 300) {
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let text = String(decoding: bytes, as: UTF8.self)
            let html = GoSyntax.html(text)
            let stripped = html.replacing(#/<span class="[kbscn]">|</span>/#, with: "")
            #expect(stripped == text.htmlEscaped, "\(bytes)")
            #expect(!html.contains("<script") && !html.contains("<b"))
        }
        #expect(GoSyntax.html("\"unterminated\nnext") == "<span class=\"s\">&quot;unterminated</span>\nnext")
        #expect(GoSyntax.html("/* open") == "<span class=\"c\">/* open</span>")
    }

    @Test func headingsGetPermalinksAndAContentsList() {
        let sections = ArticleSections(
            html: "<h2 id=\"why\">Why <code>x</code></h2>\n<p>a</p><h3 id=\"more\">More</h3><h2>bare</h2><h2 id=\"x")
        #expect(sections.sections.map(\.id) == ["why"] && sections.sections[0].title == "Why <code>x</code>")
        #expect(sections.html.contains("<h2 id=\"why\">Why <code>x</code> <a class=\"permalink\" href=\"#why\""))
        #expect(sections.html.contains("href=\"#more\" aria-label=\"Link to this section\">¶</a></h3>"))
        #expect(sections.html.hasSuffix("<h2>bare</h2><h2 id=\"x"))
        #expect(ArticleSections(html: "").html.isEmpty && ArticleSections(html: "<h").html == "<h")
        // A rule or another heading before a section does not end the search for sections.
        let afterRule = ArticleSections(html: "<hr />\n<h4>x</h4><h2 id=\"fix\">Fix ✓</h2>")
        #expect(afterRule.sections.map(\.id) == ["fix"] && afterRule.sections[0].title == "Fix ✓")
        #expect(afterRule.html.hasPrefix("<hr />\n<h4>x</h4><h2 id=\"fix\">Fix ✓ <a class=\"permalink\""))
    }

    @Test func chartPanelsSayWhyAValueIsMissingAndDrawNoBarsForEqualValues() throws {
        let crashed = VariantRun(
            variant: .leaky, before: ["goroutines": 1], panic: "concurrent map writes",
            exitStatus: "exited with status 2",
            seconds: 0, stderrTail: "")
        let fixed = VariantRun(
            variant: .fixed, before: ["goroutines": 1], after: ["goroutines": 1], exitStatus: "exited with status 0",
            seconds: 0, stderrTail: "")
        let slots = Chart.slots(Figure.named("goroutines"), leaky: crashed, fixed: fixed)
        #expect(slots.map(\.label) == ["leaky before", "leaky after", "fixed before", "fixed after"])
        #expect(slots[1].value == nil && slots[1].missing == "crashed")
        let panel = Chart.panel(Figure.named("goroutines"), leaky: crashed, fixed: fixed, toolchain: "go1.27.3")
        #expect(panel.contains(">crashed</text>") && panel.contains("the same in every run"))
        #expect(!panel.contains("<rect"), "equal values draw no bars")
        #expect(Chart.slots(Figure.named("goroutines"), leaky: nil, fixed: fixed)[0].missing == "not run")
        let afterOnly = VariantRun(
            variant: .leaky, before: ["goroutines": 1], after: ["leaked_goroutines": 12],
            exitStatus: "exited with status 0",
            seconds: 0, stderrTail: "")
        #expect(Chart.slots(Figure.named("leaked_goroutines"), leaky: afterOnly, fixed: fixed).count == 2)
        let odd = VariantRun(
            variant: .leaky, before: ["heap_inuse": -.infinity], after: ["heap_inuse": .nan], exitStatus: "",
            seconds: 0,
            stderrTail: "")
        let oddPanel = Chart.panel(Figure.named("heap_inuse"), leaky: odd, fixed: odd, toolchain: "<go>")
        #expect(oddPanel.contains("NaN") && !oddPanel.contains("<go>"))
        #expect(Chart.share(5, of: 0) == 1 && Chart.share(-1, of: 4) == 0 && Chart.share(.nan, of: 1) == 0)
    }
}

extension PatternMetadata {
    /// A pattern with a demo and these claims, for rendering its run.
    static func demo(claims: [Claim], observations: [Claim] = []) -> PatternMetadata {
        PatternMetadata(
            slug: "extreme", title: "Extreme", language: "go", kind: .goroutineLeak, tags: [], aliases: [],
            summary: "", affects: nil, fixedIn: nil, demo: "extreme", claims: claims, observations: observations,
            related: [], sources: [], symptoms: [], path: "Content/go/extreme.md")
    }
}
