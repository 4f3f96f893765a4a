import Foundation
import Testing
@testable import LeakKBCatalog
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBSite

/// Every pattern page, demo page and the claims page of the real
/// catalogue, with a recorded run per pattern made to be hard to draw
/// (long values, a crashed variant, all values equal, a path of the
/// machine in a panic), measured in headless Chromium at 390 px, in the
/// light and the dark scheme: nothing wider than the viewport, no two
/// chart labels overlapping, text at 4.5:1 and marks at 3:1 at least.
@Suite(.serialized) struct SiteBrowserPageTests {
    let index: Index
    let out: String

    init() throws {
        let temp = FileManager.default.temporaryDirectory.path + "/leakkb-pages-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        index = try Index(root: Repository.root, path: temp + "/index.sqlite")
        try index.refresh()
        out = temp + "/site"
        try recordRuns()
        _ = try SiteExporter(pages: SitePages(index: index, templates: Templates())).export(to: out)
    }

    /// A run per pattern on each toolchain, with every figure its claims
    /// read: the first pattern's leaky variant crashed, the second's values
    /// are all equal, the rest leak by a factor of a thousand.
    func recordRuns() throws {
        for (number, pattern) in try index.patterns().filter({ $0.demo != nil }).enumerated() {
            let names = Set((pattern.claims + pattern.observations).flatMap(\.references).map(\.metric) + Figure.table)
            func figures(_ scale: Double) -> [String: Double] {
                Dictionary(uniqueKeysWithValues: names.map { ($0, number == 1 ? 5 : scale * Double(3 + $0.count)) })
            }
            let crashed = number == 0
            for toolchain in ["1.27.3", "1.22.10"] {
                let leaky = VariantRun(
                    variant: .leaky, before: figures(1), after: crashed ? nil : figures(123_456_789),
                    panic: crashed
                        ? "open \(Repository.root)/.leakkb/cache/go\(toolchain)/x: too many open files" : nil,
                    exitStatus: "exited with status \(crashed ? 2 : 0)", seconds: 0.1,
                    stderrTail: "\t\(Repository.root)/Demos/go/x/main.go:31 +0xa5\n")
                let fixed = VariantRun(
                    variant: .fixed, before: figures(1), after: figures(2), exitStatus: "exited with status 0",
                    seconds: 0.1, stderrTail: "")
                try index.record(
                    DemoReport(
                        pattern: pattern.slug, kind: pattern.kind, claims: pattern.claims,
                        observations: pattern.observations,
                        figures: DemoFigures(toolchain: GoVersion(toolchain)!, leaky: leaky, fixed: fixed),
                        cached: true, buildSeconds: 0, startedAt: Date()))
            }
        }
    }

    /// Each page in a 390 px frame of one harness page; the script
    /// reports every problem as a line in the harness's `data-problems`.
    static let probe = """
        <script>
        function rgb(text) { var m = text.match(/[\\d.]+/g); return m ? m.slice(0, 4).map(Number) : null; }
        function luminance(c) {
          var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
          return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
        }
        function contrast(a, b) { var x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
        function background(el, page) {
          for (; el && el.nodeType === 1; el = el.parentElement) {
            var c = rgb(getComputedStyle(el).backgroundColor);
            if (c && (c.length < 4 || c[3] > 0.5)) return c;
          }
          return page;
        }
        function visible(el, win) {
          for (; el && el.nodeType === 1; el = el.parentElement) {
            var s = win.getComputedStyle(el);
            if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return false;
          }
          return true;
        }
        window.addEventListener("load", function () {
          var problems = [], frames = document.querySelectorAll("iframe"), checked = 0;
          frames.forEach(function (frame) {
            var doc = frame.contentDocument, win = frame.contentWindow, name = frame.getAttribute("src");
            if (!doc || !doc.body) { problems.push(name + ": not loaded"); return; }
            checked++;
            getComputedStyle = win.getComputedStyle.bind(win);
            var page = rgb(getComputedStyle(doc.documentElement).backgroundColor);
            if (doc.documentElement.scrollWidth > win.innerWidth) problems.push(name + ": " + doc.documentElement.scrollWidth + " px wide");
            doc.querySelectorAll("svg.chart").forEach(function (svg, n) {
              var boxes = Array.prototype.map.call(svg.querySelectorAll("text"), function (t) { return t.getBoundingClientRect(); });
              for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
                var a = boxes[i], b = boxes[j];
                if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
                  problems.push(name + ": chart " + n + " labels " + i + " and " + j + " overlap");
              }
              var outer = svg.getBoundingClientRect();
              boxes.forEach(function (box, i) { if (box.right > outer.right + 0.5) problems.push(name + ": chart " + n + " label " + i + " outside"); });
              svg.querySelectorAll("rect").forEach(function (rect) {
                var s = getComputedStyle(rect), best = 0;
                [s.fill, s.stroke].forEach(function (paint) { var c = rgb(paint); if (c && paint !== "none") best = Math.max(best, contrast(c, page)); });
                if (best < 3) problems.push(name + ": bar " + rect.getAttribute("class") + " at " + best.toFixed(2) + ":1");
              });
            });
            doc.querySelectorAll("input, button, .tag").forEach(function (el) {
              if (!visible(el, win)) return;
              var ratio = contrast(rgb(getComputedStyle(el).borderTopColor), background(el.parentElement, page));
              if (ratio < 3) problems.push(name + ": border of " + el.tagName + " at " + ratio.toFixed(2) + ":1");
            });
            var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT), seen = new Set(), node;
            while ((node = walker.nextNode())) {
              var el = node.parentElement;
              if (!node.textContent.trim() || seen.has(el) || !visible(el, win) || el.closest("title, desc, script, style")) continue;
              seen.add(el);
              var svgText = el.closest("svg");
              var colour = rgb(svgText ? getComputedStyle(el).fill : getComputedStyle(el).color);
              var ratio = contrast(colour, svgText ? page : background(el, page));
              if (ratio < 4.5) problems.push(name + ": text '" + node.textContent.trim().slice(0, 30) + "' at " + ratio.toFixed(2) + ":1");
            }
          });
          document.body.setAttribute("data-dark", String(matchMedia("(prefers-color-scheme: dark)").matches));
          document.body.setAttribute("data-checked", String(checked));
          document.body.setAttribute("data-problems", encodeURIComponent(problems.slice(0, 40).join("\\n")));
        });
        </script>
        """

    func measure(_ pages: [String], dark: Bool) throws -> (checked: Int, dark: Bool, problems: String) {
        try Self.measure(pages, in: out, dark: dark)
    }

    /// Loads `pages` (paths under `directory`) at 390 px in headless Chromium, in the light
    /// or the dark scheme, and runs `probe` over them: how many it checked, whether the
    /// dark scheme was on, and the problems it found ("" for none).
    static func measure(
        _ pages: [String], in directory: String, dark: Bool
    ) throws -> (checked: Int, dark: Bool, problems: String) {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile),
            "chromium is not installed: run scripts/bootstrap --test")
        let frames = pages.map { "<iframe src=\"\($0)\" width=\"390\" height=\"800\"></iframe>" }.joined()
        try "<!DOCTYPE html><html><body>\(frames)\(probe)</body></html>"
            .write(toFile: directory + "/probe.html", atomically: true, encoding: .utf8)
        let result = try Shell.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                "--virtual-time-budget=20000", "--window-size=1200,900", "--dump-dom",
            ] + (dark ? ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] : [])
                + ["file://\(directory)/probe.html"])
        func attribute(_ name: String) -> String? {
            result.output.firstMatch(of: try! Regex("\(name)=\"([^\"]*)\""))
                .map { String($0.output[1].substring ?? "") }
        }
        let problems = attribute("data-problems")?.removingPercentEncoding ?? "no report: \(result.output.suffix(400))"
        return (Int(attribute("data-checked") ?? "") ?? 0, attribute("data-dark") == "true", problems)
    }

    func pages() throws -> [String] {
        let patterns = try index.patterns()
        return ["claims.html"] + patterns.map { "patterns/\($0.slug).html" }
            + patterns.filter { $0.demo != nil }.prefix(3).map { "demos/\($0.slug).html" }
    }

    @Test func pagesFitAPhoneChartLabelsNeverMeetAndContrastHoldsInLightMode() throws {
        let pages = try pages()
        let result = try measure(pages, dark: false)
        #expect(!result.dark)
        #expect(result.checked == pages.count)
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func contrastHoldsInDarkModeToo() throws {
        let pages = try pages()
        let result = try measure(pages, dark: true)
        #expect(result.dark, "Chromium did not emulate the dark scheme")
        #expect(result.checked == pages.count)
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func pagesShowRecordedOutputWithoutTheMachinesPaths() throws {
        let crashed = try #require(try index.patterns().first { $0.demo != nil })
        let page = try String(contentsOfFile: out + "/patterns/\(crashed.slug).html", encoding: .utf8)
        #expect(page.contains("panicked: open .leakkb/cache/go1.27.3/x: too many open files"))
        let claims = try String(contentsOfFile: out + "/claims.html", encoding: .utf8)
        #expect(!page.contains(Repository.root) && !claims.contains(Repository.root))
        #expect(page.contains(">crashed</text>"))
    }

    @Test func claimsPageFollowsTheHomePageAndShowsMeasuredValues() throws {
        let home = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let claims = try String(contentsOfFile: out + "/claims.html", encoding: .utf8)
        func order(_ html: String) -> [String] {
            html.matches(of: #/href="patterns/([a-z0-9-]+)\.html"/#).map { String($0.output.1) }
        }
        let withClaims = Set(try index.patterns().filter { !$0.claims.isEmpty }.map(\.slug))
        let homeOrder = order(home).filter(withClaims.contains)
        var seen: Set<String> = []
        #expect(order(claims).filter { seen.insert($0).inserted } == homeOrder)
        for slug in withClaims { #expect(claims.contains("<h2 id=\"\(slug)\">"), "\(slug)") }
        #expect(!claims.contains("title=\""), "measured values only in tooltips")
        #expect(claims.contains("<span class=\"detail\">leaky.after."))
    }

    @Test func patternPagesLinkNeighboursContentsAndTheWholeDemo() throws {
        let home = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let order = home.matches(of: #/href="patterns/([a-z0-9-]+)\.html"/#).map { String($0.output.1) }
        let second = try String(contentsOfFile: out + "/patterns/\(order[1]).html", encoding: .utf8)
        #expect(second.contains("<a rel=\"prev\" href=\"../patterns/\(order[0]).html\">"))
        #expect(second.contains("<a rel=\"next\" href=\"../patterns/\(order[2]).html\">"))
        #expect(second.contains("<nav class=\"toc\"") && second.contains("<li><a href=\"#claims\">Claims</a></li>"))
        let nilMap = try String(contentsOfFile: out + "/patterns/nil-map.html", encoding: .utf8)
        #expect(nilMap.contains("href=\"../demos/nil-map.html\"") && nilMap.contains("<span class=\"k\">func</span>"))
        let source = try String(contentsOfFile: out + "/demos/nil-map.html", encoding: .utf8)
        #expect(source.contains("<span class=\"k\">package</span> main"))
        #expect(nilMap.contains("class=\"status pass\"") || nilMap.contains("class=\"status fail\""))
    }
}
