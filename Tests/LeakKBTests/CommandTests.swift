import Foundation
import Testing
@testable import LeakKBModel

/// The commands, run in process on the real catalogue (read only) or on a
/// knowledge base a test writes; CommandLineTests keeps a few runs of the
/// real binary. They share one new index file, which the first of them
/// creates while the others wait for it.
@Suite struct CommandTests {
    /// An index of its own: the live one may be mid-refresh by another suite on a fresh clone.
    static let database = FileManager.default.temporaryDirectory.path + "/leakkb-commands-\(UUID().uuidString).sqlite"

    func leakkb(_ arguments: [String], root: String = Repository.root) async -> LeakKBProcess.Result {
        await InProcessCommand.run(
            arguments + ["--root", root] + (root == Repository.root ? ["--db", Self.database] : []))
    }

    @Test func searchListsTheArticlesAboutTheWordFirst() async throws {
        let result = await leakkb(["search", "goroutine", "--json", "--limit", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        let hits = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(hits.count == 5)
        for hit in hits.prefix(3) {
            #expect((hit["tags"] as? [String])?.contains("goroutine") == true, "\(hit["slug"] ?? "")")
        }
    }

    @Test func showRendersAndSuggests() async {
        let shown = await leakkb(["show", "nil-map"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("## Symptom") && shown.stdout.contains("leaky.panic contains"))
        let html = await leakkb(["show", "nil-map", "--html"])
        #expect(html.stdout.contains("<h2 id=\"symptom\">Symptom</h2>"))
        let missing = await leakkb(["show", "nil-mpa"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "leakkb: no pattern 'nil-mpa'; did you mean 'nil-map'?\n")
    }

    @Test func exitStatusesAndTheirOneLine() async {
        let nothing = await leakkb(["search", "zqxjkvwpfh"])
        #expect(nothing.status == 1 && nothing.stderr == "leakkb: no pattern matches 'zqxjkvwpfh'\n")
        let kind = await leakkb(["search", "kind:nope"])
        #expect(kind.status == 2 && kind.stderr == "leakkb: unknown kind 'nope' (known: \(Kind.names))\n")
        #expect(await leakkb(["search"]).status == 2)
        #expect(await leakkb(["search", "x", "--limit", "0"]).status == 2)
        #expect(await leakkb(["list", "--kind", "bogus"]).status == 2)
        let variant = await leakkb(["demo", "nil-map", "--variant", "sideways"])
        #expect(variant.status == 2 && variant.stderr.contains("leaky or fixed"), "\(variant.stderr)")
        #expect(await InProcessCommand.run(["frobnicate"]).status == 2)
        let help = await InProcessCommand.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: leakkb"))
    }

    /// `list` filters as `search` does, and its JSON is the whole front matter.
    @Test func listFiltersByKindAndTag() async throws {
        func slugs(_ arguments: [String]) async throws -> [String] {
            let result = await leakkb(["list", "--json"] + arguments)
            let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
            return rows.compactMap { $0["slug"] as? String }
        }
        let all = await leakkb(["list", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as! [[String: Any]]
        let myths = rows.filter { $0["kind"] as? String == "myth" }.compactMap { $0["slug"] as? String }
        let maps = rows.filter { ($0["tags"] as? [String])?.contains("map") == true }.compactMap {
            $0["slug"] as? String
        }
        #expect(!myths.isEmpty && !maps.isEmpty)
        #expect(try await slugs(["--kind", "myth"]) == myths)
        #expect(try await slugs(["--tag", "map"]) == maps)
    }

    /// `check` on a knowledge base with a broken article: status 1, and each
    /// problem as `file:line: what` on stderr.
    @Test func checkNamesFileAndLine() async throws {
        let kb = try TemporaryKnowledgeBase(articles: [
            "good": TemporaryKnowledgeBase.article(),
            "bad": TemporaryKnowledgeBase.article(tags: "[map, nosuchtag]"),
        ])
        let result = await leakkb(["check"], root: kb.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/go/bad.md:5: unknown tag 'nosuchtag'"), "\(result.stderr)")
        try kb.remove("Content/go/bad.md")
        let fixed = await leakkb(["check"], root: kb.root)
        #expect(fixed.status == 0 && fixed.stderr.contains("all valid"), "\(fixed.stderr)")
    }
}
