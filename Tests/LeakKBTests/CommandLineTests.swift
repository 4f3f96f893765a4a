import Foundation
import Testing

/// The built `leakkb` binary on the real Content/, as a person runs it.
@Suite(.serialized) struct CommandLineTests {
    func leakkb(
        _ arguments: [String], environment: [String: String] = [:], in directory: String = Repository.root
    ) throws
        -> LeakKBProcess.Result
    {
        try LeakKBProcess.run(arguments, environment: environment, in: directory)
    }

    @Test func contentIsValid() throws {
        let result = try leakkb(["check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("all valid"))
    }

    @Test func searchGoroutineListsGoroutineArticlesFirst() throws {
        let result = try leakkb(["search", "goroutine", "--json", "--limit", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        let hits = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(hits.count == 5)
        for hit in hits.prefix(3) {
            #expect((hit["tags"] as? [String])?.contains("goroutine") == true, "\(hit["slug"] ?? "")")
        }
    }

    @Test func plainOutputHasNoColourOutsideATerminal() throws {
        let result = try leakkb(["search", "goroutine"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("1. "))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.contains("[goroutine"))
    }

    @Test(arguments: [
        ("assignment to entry in nil map", "nil-map"),
        ("空map", "nil-map"),
        ("concurrent map writes", "concurrent-map-writes"),
        ("substring", "substring-retains-string"),
    ])
    func symptomsFindTheirPattern(query: String, slug: String) throws {
        let result = try leakkb(["search", query, "--json", "--limit", "3"])
        let hits = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(
            hits.compactMap { $0["slug"] as? String }.contains(slug),
            "top 3 for '\(query)': \(hits.map { $0["slug"] ?? "" })")
    }

    @Test func showRendersAndSuggests() throws {
        let shown = try leakkb(["show", "nil-map"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("## Symptom") && shown.stdout.contains("leaky.panic contains"))
        let html = try leakkb(["show", "nil-map", "--html"])
        #expect(html.stdout.contains("<h2 id=\"symptom\">Symptom</h2>"))
        let missing = try leakkb(["show", "nil-mpa"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "leakkb: no pattern 'nil-mpa'; did you mean 'nil-map'?\n")
    }

    @Test func exitCodes() throws {
        #expect(try leakkb(["search", "zzqqxxnothing"]).status == 1)
        #expect(try leakkb(["search"]).status == 2)
        #expect(try leakkb(["search", "x", "--limit", "0"]).status == 2)
        #expect(try leakkb(["list", "--kind", "bogus"]).status == 2)
        #expect(try leakkb(["frobnicate"]).status == 2)
        #expect(try leakkb(["--help"]).status == 0)
    }

    @Test func worksFromAnyDirectory() throws {
        let result = try leakkb(["list", "--kind", "myth", "--json"], in: "/")
        #expect(result.status == 0, "\(result.stderr)")
        let myths = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        // Counted against the whole list, so adding an article never breaks this.
        let all =
            try JSONSerialization.jsonObject(with: Data(try leakkb(["list", "--json"], in: "/").stdout.utf8))
            as! [[String: Any]]
        let expected = all.filter { $0["kind"] as? String == "myth" }.compactMap { $0["slug"] as? String }
        #expect(!expected.isEmpty && myths.compactMap { $0["slug"] as? String } == expected)
        let tags = try leakkb(["tags"], in: "/tmp")
        #expect(tags.stdout.contains("goroutine"))
    }
}
