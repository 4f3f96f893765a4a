import Foundation
import Testing
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBSite

/// An export reads what many pages share once (every pattern's latest
/// runs, the list rows, the catalogue order from the page revisions); the
/// server renders each page on its own. Both must give the same bytes.
@Suite(.serialized) struct SiteExportSharingTests {
    let index: Index
    let out: String

    init() throws {
        let temp = try ScratchDirectory().path
        index = try Index(root: Repository.root, path: temp + "/index.sqlite")
        try index.refresh()
        out = temp + "/site"
    }

    /// A run of the first two patterns with a demo (one passing, one
    /// failing), so that some pages show runs and the others none.
    func recordRuns() throws -> [String] {
        let measured = Array(try index.patterns().filter { $0.demo != nil }.prefix(2))
        for (number, pattern) in measured.enumerated() {
            let names = Set((pattern.claims + pattern.observations).flatMap(\.references).map(\.metric))
            let figures = Dictionary(uniqueKeysWithValues: names.map { ($0, Double(7 + number * $0.count)) })
            try index.record(
                DemoReport(
                    pattern: pattern.slug, kind: pattern.kind, claims: pattern.claims,
                    observations: pattern.observations,
                    figures: DemoFigures(
                        toolchain: GoVersion("1.27.3")!,
                        leaky: VariantRun(
                            variant: .leaky, before: figures, after: figures, exitStatus: "exited with status 0",
                            seconds: 0.1, stderrTail: ""),
                        fixed: VariantRun(
                            variant: .fixed, before: figures, after: figures, exitStatus: "exited with status 0",
                            seconds: 0.1, stderrTail: "")),
                    cached: true, buildSeconds: 0, startedAt: Date()))
        }
        return measured.map(\.slug)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: out + "/" + path, encoding: .utf8) }

    @Test func exportedPagesAreTheOnesEachPageRendersAlone() throws {
        let measured = try recordRuns()
        #expect(measured.count == 2)
        let pages = SitePages(index: index, templates: try Templates())
        _ = try SiteExporter(pages: pages).export(to: out, full: true)
        for pattern in try index.patterns() {
            let alone = try #require(try pages.pattern(pattern.slug))
            #expect(try read("patterns/\(pattern.slug).html") == alone, "\(pattern.slug)")
            #expect(
                alone.contains("<section aria-labelledby=\"run-") == measured.contains(pattern.slug), "\(pattern.slug)")
        }
        #expect(try read("claims.html") == pages.claims())
        #expect(try read("patterns.json") == pages.patternsJSON())
        #expect(try read("index.html") == pages.home())
        #expect(try read("languages/go.html") == pages.language("go"))
        for tag in try index.tags() where tag.count > 0 {
            #expect(try read("tags/\(tag.name).html") == pages.tag(tag.name), "\(tag.name)")
        }
    }

    @Test func pageRevisionsComeInTheOrderOfTheListings() throws {
        #expect(try index.pageRevisions().map(\.slug) == index.listings().map(\.slug))
        let titles = Dictionary(uniqueKeysWithValues: try index.listings().map { ($0.slug, ($0.title, $0.kind)) })
        for revision in try index.pageRevisions() {
            #expect(titles[revision.slug]?.0 == revision.title && titles[revision.slug]?.1 == revision.kind)
        }
    }
}
