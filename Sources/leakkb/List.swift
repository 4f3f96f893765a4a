import ArgumentParser
import LeakKBIndex
import LeakKBModel

/// `leakkb list`: the patterns, filtered by tag, language or kind.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List articles, optionally filtered.")

    @OptionGroup var options: KnowledgeBaseOptions
    @Option(help: "Only articles with this tag.") var tag: String?
    @Option(help: "Only articles in this language.") var lang: String?
    @Option(help: "Only articles of this kind (\(Kind.names)).") var kind: String?
    @Flag(help: "Print as JSON.") var json = false

    func validate() throws {
        if let kind, Kind(rawValue: kind) == nil {
            throw ValidationError("unknown kind '\(kind)' (known: \(Kind.names))")
        }
    }

    func run() async throws {
        // validate() has refused a kind no case names.
        let filter = SearchQuery(tag: tag, language: lang, kind: kind.flatMap(Kind.init(rawValue:)))
        let patterns = try options.open().patterns(matching: filter)
        if json {
            try Output.json(patterns)
        } else {
            let style = Output.style
            let width = patterns.map(\.slug.count).max() ?? 0
            for pattern in patterns {
                let pad = String(repeating: " ", count: width - pattern.slug.count)
                Output.line("\(style.cyan(pattern.slug))\(pad)  \(pattern.kind.rawValue.padding(14))  \(pattern.title)")
            }
        }
        if patterns.isEmpty { throw CommandFailure.nothingFound("no pattern matches these filters") }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
