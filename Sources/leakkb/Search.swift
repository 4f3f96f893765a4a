import ArgumentParser
import LeakKBIndex

/// `leakkb search WORDS`: the ranked search every face shares.
struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Ranked full-text search over titles, aliases, tags, summaries and bodies.",
        discussion:
            "Filters may be typed in the query: tag:map lang:go kind:goroutine-leak. Chinese terms and substrings work too."
    )

    @OptionGroup var options: KnowledgeBaseOptions
    @Argument(help: "Words to search for.") var words: [String] = []
    @Option(help: "Only articles with this tag.") var tag: String?
    @Option(help: "Only articles in this language (e.g. go).") var lang: String?
    @Option(help: "Only articles of this kind.") var kind: String?
    @Option(help: "At most this many results (1–100).") var limit = 10
    @Flag(help: "Print results as JSON.") var json = false

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be between 1 and 100") }
    }

    func run() async throws {
        let query = try SearchQuery(parsing: words.joined(separator: " "), tag: tag, language: lang, kind: kind)
        let hits = try options.open().search(query, limit: limit)
        if json {
            try Output.json(hits)
        } else {
            let style = Output.style
            for (rank, hit) in hits.enumerated() {
                Output.line("\(rank + 1). \(style.bold(hit.title))  \(style.cyan(hit.slug))")
                Output.line("   \(hit.kind) · \(hit.language) · \(hit.tags.map { "#" + $0 }.joined(separator: " "))")
                Output.line(
                    "   " + style.snippet(hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " ")))
            }
        }
        if hits.isEmpty {
            throw CommandFailure.nothingFound("no pattern matches '\(words.joined(separator: " "))'")
        }
    }
}
