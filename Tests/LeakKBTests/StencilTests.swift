import Foundation
import Mustache
import Testing
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBSite

/// Pages filled in from templates rendered once (the head and foot, list
/// rows, a pattern page's tag links and contents) must be the bytes Mustache
/// renders from the same templates.
@Suite struct StencilTests {
    /// Values no stand-in may be confused with: markup, quotes, the
    /// stand-ins' own delimiter, empty text.
    static let hostile = [
        "<b>'quoted' & \"double\"</b>", "", "\u{1}x-title'\u{1}", "&#39;", "日本語 é", "a\u{1}b", "{{title}}",
    ]

    @Test func fillingIsWhatMustacheRenders() throws {
        _ = try Templates()  // registers the LEAKKB_HTML content type
        var library = MustacheLibrary()
        try library.register(
            """
            {{% CONTENT_TYPE: LEAKKB_HTML}}
            <a href="{{root}}x.html" title="{{title}}">{{{title}}}</a>{{#title}}[{{.}}]{{/title}}{{^title}}none{{/title}}
            {{title}}|{{{root}}}|{{missing}}
            """, named: "probe")
        let stencil = Stencil(["root", "title"]) { library.render($0, withTemplate: "probe") ?? "" }
        for root in Self.hostile {
            for title in Self.hostile {
                let expected = library.render(["root": root, "title": title], withTemplate: "probe")
                #expect(stencil.fill([root, title]) == expected, "\(root) \(title)")
            }
        }
    }

    @Test func framedPagesAreTheTemplatesWithTheirPartials() throws {
        let temp = FileManager.default.temporaryDirectory.path + "/leakkb-stencil-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let index = try Index(root: Repository.root, path: temp + "/index.sqlite")
        let templates = try Templates()
        var library = templates.library
        try library.register("{{> head}}{{> listing}}{{> foot}}", named: "framed-listing")
        for served in [false, true] {
            let pages = SitePages(index: index, templates: templates, serverSearch: served)
            for (path, root, inline) in [
                ("index.html", nil, false), ("tags/x.html", nil, false), ("404.html", "/", true),
            ] as [(String, String?, Bool)] {
                for title in Self.hostile {
                    let description = title + " and more"
                    let body: [String: Any] = ["heading": title, "lead": description, "rows": "<li>row</li>\n"]
                    let page = pages.page(
                        "listing", path: path, title: title, description: description, body, root: root,
                        inlineStyles: inline)
                    var context = body
                    context["root"] = root ?? String(repeating: "../", count: path.filter { $0 == "/" }.count)
                    context["title"] = title
                    context["description"] = description
                    context["searchAction"] = served ? "search" : "search.html"
                    context["served"] = served
                    if inline { context["inlineStyles"] = templates.stylesheet + "\n" + templates.searchStylesheet }
                    #expect(page == library.render(context, withTemplate: "framed-listing"), "\(path) \(title)")
                }
            }
        }
    }

    @Test func listRowsLinkFromTheirPagesRoot() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let index = try Index(root: Repository.root, path: scratch.path + "/index.sqlite")
        try index.refresh()
        let listings = try index.listings()
        let rows = try ListRows(index, templates: Templates())
        for root in ["", "../"] {
            let items = rows.items(listings, root: root)
            #expect(items.count == listings.count && !items.isEmpty)
            for (item, pattern) in zip(items, listings) {
                #expect(item.html.hasPrefix("<li><a class=\"row\" data-kind=\"\(pattern.kind.rawValue)\""))
                #expect(
                    item.html.contains(
                        "href=\"\(root)patterns/\(pattern.slug).html\">\(pattern.title.htmlEscaped)</a>"),
                    "\(pattern.slug)")
                #expect(!item.html.contains("\u{1}"))
            }
        }
    }

    @Test func patternPagesListTheirTagsAndSections() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let index = try Index(root: Repository.root, path: scratch.path + "/index.sqlite")
        try index.refresh()
        let pages = SitePages(index: index, templates: try Templates())
        let patterns = try index.patterns()
        #expect(!patterns.isEmpty)
        for pattern in patterns {
            let page = try #require(try pages.pattern(pattern.slug))
            let tags = pattern.tags.map { "<a class=\"tag\" href=\"../tags/\($0).html\">\($0)</a> " }.joined()
            #expect(page.contains("<dt>Tags</dt><dd>\(tags)</dd>"), "\(pattern.slug)")
            let detail = try #require(try index.pattern(pattern.slug))
            let entries = ArticleSections(html: detail.html).sections.map {
                "<li><a href=\"#\($0.id)\">\($0.title)</a></li>"
            }
            #expect(
                page.contains("<ol>" + entries.joined() + "<li><a href=\"#claims\">Claims</a></li>"), "\(pattern.slug)")
            #expect(!page.contains("\u{1}"))
        }
    }
}
