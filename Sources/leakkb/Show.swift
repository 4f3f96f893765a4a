import ArgumentParser
import LeakKB

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one article, rendered for the terminal.")

    @OptionGroup var options: KnowledgeBaseOptions
    @Argument(help: "The pattern's slug, e.g. nil-map.") var slug: String
    @Flag(help: "Print the article's Markdown source.") var markdown = false
    @Flag(help: "Print the article's HTML.") var html = false
    @Flag(help: "Print metadata, Markdown and HTML as JSON.") var json = false

    func validate() throws {
        if [markdown, html, json].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --markdown, --html, --json")
        }
    }

    func run() async throws {
        let index = try options.openIndex()
        guard let detail = try index.pattern(slug) else {
            let hint = try index.suggestion(for: slug).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandFailure(message: "no pattern '\(slug)'\(hint)")
        }
        let source = index.markdown(of: detail.metadata)
        if json { return try Output.json(ShowOutput(metadata: detail.metadata, markdown: source, html: detail.html)) }
        if markdown { return print(source, terminator: "") }
        if html { return print(detail.html, terminator: "") }
        let style = Output.style
        let meta = detail.metadata
        print(style.bold(meta.title))
        print(style.dim("\(meta.slug) · \(meta.kind) · \(meta.language)\(meta.affects.map { " · affects \($0)" } ?? "")\(meta.fixedIn.map { " · fixed in \($0)" } ?? "")"))
        print(style.dim("tags: " + meta.tags.joined(separator: ", ")))
        print("\n" + meta.summary + "\n")
        print(TerminalDocument(style: style).render(Document(markdown: source).blocks), terminator: "")
        if !meta.expect.isEmpty {
            print("\n" + style.bold(style.cyan("## Claims")) + " (checked by `leakkb demo \(meta.slug)`)")
            for claim in meta.expect { print("  • \(claim)") }
        }
        if !meta.related.isEmpty { print("\nRelated: " + meta.related.joined(separator: ", ")) }
        if !meta.sources.isEmpty { print("Sources:\n" + meta.sources.map { "  " + $0 }.joined(separator: "\n")) }
    }
}

/// `show --json`: the metadata, the Markdown source and the HTML.
struct ShowOutput: Encodable {
    let metadata: PatternMetadata
    let markdown: String
    let html: String
}
