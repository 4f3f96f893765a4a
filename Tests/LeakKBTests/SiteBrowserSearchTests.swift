import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LeakKB
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite

/// The exported site of the real catalogue in headless Chromium: search
/// (highlighting, the dropdown and its accessibility, the same ranking as the
/// API), the filterable list, the site without JavaScript, and widths at 390 px.
@Suite(.serialized) struct SiteBrowserSearchTests {
    let index: Index
    let out: String
    let browser: Browser?

    init() throws {
        let temp = FileManager.default.temporaryDirectory.path + "/leakkb-browser-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        index = try Index(root: Repository.root, path: temp + "/index.sqlite")
        try index.refresh()
        out = temp + "/site"
        _ = try SiteExporter(pages: SitePages(index: index, templates: Templates())).export(to: out)
        browser = Browser(site: out)
    }

    /// The browser, or an issue saying how to install it (CI installs it).
    func chromium() throws -> Browser {
        guard let browser else {
            Issue.record("chromium is not installed: run scripts/bootstrap --test")
            throw Browser.Missing()
        }
        return browser
    }

    /// Each term's marks wrap text, never markup: no tag or entity shows as
    /// text, in the dropdown or on the results page, and the marks are there.
    @Test(arguments: ["nil map m", "map a", "time.after m", "memory 3", "<mark> &amp;"])
    func highlightShowsNoMarkupAsText(query: String) throws {
        let browser = try chromium()
        let typed = try browser.run(
            "index.html",
            """
            var input = document.getElementById("q");
            input.value = \(Browser.json(query));
            input.dispatchEvent(new Event("input", { bubbles: true }));
            var list = document.getElementById("results");
            report({ text: list.textContent, marks: list.querySelectorAll("mark").length,
                     items: list.querySelectorAll("li[role=option]").length });
            """)
        let page = try browser.run(
            "search.html",
            """
            var list = document.getElementById("page-results");
            report({ text: list.textContent, marks: list.querySelectorAll("mark").length,
                     items: list.children.length });
            """, query: "q=" + Browser.percentEncoded(query))
        for result in [typed, page] {
            let text = try #require(result["text"] as? String)
            for leak in ["<mark", "mark>", "&#", "&lt;", "&amp;", "&gt;", "&quot;"] {
                #expect(!text.contains(leak), "'\(query)' shows \(leak) as text: \(text.prefix(300))")
            }
            if query != "<mark> &amp;" {
                #expect(result["items"] as? Int ?? 0 > 0, "'\(query)' found nothing")
                #expect(result["marks"] as? Int ?? 0 > 0, "'\(query)' marked nothing")
            }
        }
    }

    /// A combobox over a listbox: expanded while it shows results, the
    /// chosen option as the active descendant, the count announced; closed
    /// by blur and by a press outside; "no match" is text, not a link.
    @Test func dropdownIsAnAccessibleComboboxThatCloses() throws {
        let result = try chromium().run(
            "index.html",
            """
            var input = document.getElementById("q"), list = document.getElementById("results");
            var live = document.getElementById("search-status"), seen = {};
            input.focus();
            input.value = "goroutine";
            input.dispatchEvent(new Event("input", { bubbles: true }));
            seen.role = input.getAttribute("role") + "/" + list.getAttribute("role");
            seen.open = !list.hidden && input.getAttribute("aria-expanded") === "true";
            seen.announced = live.textContent;
            input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
            var chosen = list.querySelector("[aria-selected=true]");
            seen.active = chosen !== null && input.getAttribute("aria-activedescendant") === chosen.id;
            input.blur();
            seen.closedByBlur = list.hidden && input.getAttribute("aria-expanded") === "false";
            input.focus();
            seen.reopened = !list.hidden;
            document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
            seen.closedByOutside = list.hidden && input.getAttribute("aria-expanded") === "false";
            input.value = "zzqqxxj";
            input.dispatchEvent(new Event("input", { bubbles: true }));
            var empty = list.querySelector(".empty");
            seen.empty = empty ? empty.textContent : "";
            seen.emptyIsLink = !!list.querySelector(".empty a, .empty[role=option]");
            report(seen);
            """)
        #expect(result["role"] as? String == "combobox/listbox")
        #expect(result["open"] as? Bool == true)
        #expect((result["announced"] as? String ?? "").contains("patterns match “goroutine”"))
        #expect(result["active"] as? Bool == true)
        #expect(result["closedByBlur"] as? Bool == true)
        #expect(result["reopened"] as? Bool == true)
        #expect(result["closedByOutside"] as? Bool == true)
        #expect(result["empty"] as? String == "No pattern matches “zzqqxxj”.")
        #expect(result["emptyIsLink"] as? Bool == false)
    }

    /// The site's search (search.js over the search data) and the API's
    /// (`/api/search`) give the same first five, in the same order, for
    /// every query of the search-quality table: words, sentences, Chinese.
    @Test func siteRanksAsTheAPIDoes() async throws {
        let queries =
            SearchQualityTests.cases.map(\.0) + ["goroutine leak", "leak", "gorout", "map 内存", "tag:map leak"]
        #expect(queries.count >= 20)
        let site = try chromium().run(
            "index.html",
            """
            var queries = \(Browser.json(queries));
            report({ slugs: queries.map(function (q) {
              return window.LEAKKB_SEARCH(q, 5).results.map(function (r) { return r.entry.s; });
            }) });
            """)
        let siteSlugs = try #require(site["slugs"] as? [[String]])
        let knowledgeBase = KnowledgeBase(index: index)
        var logger = Logger(label: "leakkb-test")
        logger.logLevel = .warning
        let app = try LeakKBServer.build(knowledgeBase: knowledgeBase, options: ServerOptions(), logger: logger)
        let apiSlugs = try await app.test(.router) { client in
            var answers: [[String]] = []
            for query in queries {
                let response = try await client.execute(
                    uri: "/api/search?limit=5&q=" + Browser.percentEncoded(query), method: .get)
                let json =
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                let results = json?["results"] as? [[String: Any]] ?? []
                answers.append(results.compactMap { $0["slug"] as? String })
            }
            return answers
        }
        #expect(siteSlugs.count == queries.count)
        for (number, query) in queries.enumerated() where number < siteSlugs.count {
            // The API may add, below, what only its word index finds (a stem,
            // a word deeper in a body than the site's data carries).
            let (site, api) = (siteSlugs[number], apiSlugs[number])
            #expect(!site.isEmpty && Array(api.prefix(site.count)) == site, "'\(query)': site \(site), API \(api)")
        }
    }

    /// On the served `/search` page the results are the page's own: the
    /// dropdown does not open over them. The static results page lists them
    /// itself, too.
    @Test func resultsPagesKeepTheDropdownClosed() async throws {
        let pages = SitePages(index: index, templates: try Templates(), serverSearch: true)
        try pages.search("goroutine").write(toFile: out + "/served-search.html", atomically: true, encoding: .utf8)
        let browser = try chromium()
        let script = """
            var list = document.getElementById("results");
            report({ closed: list.hidden && document.getElementById("q").getAttribute("aria-expanded") === "false",
                     shown: document.querySelectorAll(".search-results li").length });
            """
        for page in ["served-search.html", "search.html"] {
            let result = try browser.run(page, script, query: "q=goroutine")
            #expect(result["closed"] as? Bool == true, "\(page): the dropdown opened")
            #expect(result["shown"] as? Int ?? 0 > 1, "\(page): no results on the page")
        }
    }

    /// The home page's filters narrow the list on kind, tag, language and Go
    /// release, read their state from the address and write it back.
    @Test func filtersNarrowTheList() throws {
        let patterns = try index.patterns()
        let browser = try chromium()
        func shown(_ query: String) throws -> (slugs: Set<String>, address: String) {
            let result = try browser.run(
                "index.html",
                """
                report({ address: location.search, slugs: Array.prototype.filter.call(
                  document.querySelectorAll("a.row"), function (a) { return !a.closest("li").hidden; }
                ).map(function (a) { return a.getAttribute("href").replace(/^.*\\//, "").replace(".html", ""); }),
                  miscounted: Array.prototype.filter.call(document.querySelectorAll(".kind-group"), function (g) {
                    return !g.hidden && g.querySelector("h3 .count").textContent !==
                      String(g.querySelectorAll("li:not([hidden])").length);
                  }).map(function (g) { return g.querySelector("h3").textContent; }) });
                """, query: query)
            // Each kind's heading counts the rows it still shows.
            #expect(result["miscounted"] as? [String] == [], "\(query): \(result["miscounted"] ?? "")")
            return (Set(result["slugs"] as? [String] ?? []), result["address"] as? String ?? "")
        }
        let all = try shown("")
        #expect(all.slugs == Set(patterns.map(\.slug)))
        #expect(try shown("kind=myth").slugs == Set(patterns.filter { $0.kind == .myth }.map(\.slug)))
        #expect(try shown("tag=map").slugs == Set(patterns.filter { $0.tags.contains("map") }.map(\.slug)))
        let both = try shown("kind=crash&tag=map")
        #expect(both.slugs == Set(patterns.filter { $0.kind == .crash && $0.tags.contains("map") }.map(\.slug)))
        #expect(both.address == "?kind=crash&tag=map")
        // Release filters from the articles' own affects and fixed_in.
        for release in ["1.21", "1.22", "1.27"] {
            let version = try #require(GoVersion(release))
            let expected = patterns.filter { pattern in
                let range = AffectedVersions(affects: pattern.affects, fixedIn: pattern.fixedIn)
                return range.from.map { version >= $0 } ?? true && range.until.map { version < $0 } ?? true
            }
            #expect(try shown("go=" + release).slugs == Set(expected.map(\.slug)), "go \(release)")
        }
        #expect(try shown("go=1.21").slugs.contains("loop-variable-capture"))
        #expect(!(try shown("go=1.22").slugs.contains("loop-variable-capture")))
        #expect(try shown("go=1.22").slugs.count < all.slugs.count)
    }

    /// With JavaScript off the pages are what the files hold (no script
    /// changes them): the home page links every pattern with no row hidden,
    /// its filters stay hidden, and the static results page says that search
    /// needs JavaScript and where the full list is.
    @Test func withoutJavaScriptEveryPatternIsReachable() throws {
        let home = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        for pattern in try index.patterns() {
            #expect(home.contains("href=\"patterns/\(pattern.slug).html\""), "\(pattern.slug) unreachable")
        }
        #expect(home.range(of: #"<form id="filters"[^>]* hidden>"#, options: .regularExpression) != nil)
        #expect(!home.contains("<li hidden") && !home.contains("<section hidden"))
        let search = try String(contentsOfFile: out + "/search.html", encoding: .utf8)
        #expect(search.contains("<noscript><p class=\"lead\">Search needs JavaScript in this copy of the site."))
        #expect(search.contains("href=\"index.html\">the home page</a>"))
    }

    /// No page of the lists, search or 404 is wider than a 390 px screen,
    /// the dropdown open or not, the filters shown. (Chromium's window is
    /// at least 500 px wide, so the page is measured in a 390 px frame.)
    @Test func listAndSearchPagesFitA390PixelScreen() throws {
        let browser = try chromium()
        let open = """
            var input = page.getElementById("q");
            input.value = "goroutine blocked on a channel receive";
            input.dispatchEvent(new frame.Event("input", { bubbles: true }));
            """
        for (path, script) in [
            ("index.html", ""), ("index.html?go=1.22&tag=map", open), ("tags/goroutine.html", ""),
            ("languages/go.html", ""), ("search.html?q=goroutine", ""), ("404.html", open),
        ] {
            let result = try browser.run(
                "index.html",
                """
                var iframe = document.createElement("iframe");
                iframe.style.cssText = "width:390px;height:900px;border:0";
                iframe.onload = function () {
                  var frame = iframe.contentWindow, page = iframe.contentDocument;
                  \(script)
                  report({ width: page.documentElement.scrollWidth, viewport: page.documentElement.clientWidth });
                };
                iframe.src = \(Browser.json(path));
                document.body.appendChild(iframe);
                report({ error: "the frame did not load" });
                """)
            let width = result["width"] as? Int ?? 0
            #expect(result["viewport"] as? Int ?? 0 <= 390, "\(path): the frame is not 390 px wide")
            #expect(width > 0 && width <= 390, "\(path) is \(width) px wide at 390 px")
        }
    }
}

/// Headless Chromium over an exported site: a page is copied beside itself
/// with a script appended, and what the script reports comes back as JSON.
struct Browser {
    struct Missing: Error {}

    let site: String
    let program: String

    init?(site: String) {
        guard
            let program = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(
                where: FileManager.default.isExecutableFile)
        else { return nil }
        self.site = site
        self.program = program
    }

    /// The DOM of `page` after its scripts ran.
    func dom(_ page: String, query: String = "", width: Int = 1280) throws -> String {
        // File access lets a page measure another page of the site in a frame.
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
            "--window-size=\(width),900",
        ]
        let url = "file://\(site)/\(page)" + (query.isEmpty ? "" : "?" + query)
        return try Shell.run(program, arguments + ["--dump-dom", url]).output
    }

    /// Runs `script` at the end of a copy of `page`; `report(value)` hands a value back.
    func run(_ page: String, _ script: String, query: String = "", width: Int = 1280) throws -> [String: Any] {
        let original = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
        let directory = (page as NSString).deletingLastPathComponent
        let copy = (directory.isEmpty ? "" : directory + "/") + "probe-\(UUID().uuidString).html"
        let probe = """
            <pre id="probe-out"></pre><script>
            function report(value) { document.getElementById("probe-out").textContent = JSON.stringify(value); }
            try { \(script) } catch (e) { report({ error: String(e) }); }
            </script></body>
            """
        try original.replacingOccurrences(of: "</body>", with: probe).write(
            toFile: site + "/" + copy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: site + "/" + copy) }
        let output = try dom(copy, query: query, width: width)
        guard let start = output.range(of: "<pre id=\"probe-out\">"),
            let end = output.range(of: "</pre>", range: start.upperBound..<output.endIndex)
        else { throw Failure("\(page): no report in \(output.suffix(400))") }
        let text = String(output[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        if let error = value["error"] as? String { throw Failure("\(page): the probe failed: \(error)") }
        return value
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func json(_ value: some Encodable) -> String {
        String(decoding: (try? JSONEncoder().encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
