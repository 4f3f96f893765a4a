import ArgumentParser
import LeakKBCatalog
import LeakKBTerminal

/// `leakkb show SLUG`: one article, for the terminal or as Markdown, HTML or JSON.
struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one article, rendered for the terminal.")

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
        let knowledgeBase = try options.open()
        let detail = try knowledgeBase.pattern(slug)
        let source = knowledgeBase.markdown(of: detail.metadata)
        if json { return try Output.json(ShowOutput(metadata: detail.metadata, markdown: source, html: detail.html)) }
        if markdown { return Output.text(source) }
        if html { return Output.text(detail.html) }
        Output.text(TerminalArticle(style: Output.style).render(detail.metadata, markdown: source))
    }
}

/// `show --json`: the metadata, the Markdown source and the HTML.
struct ShowOutput: Encodable {
    let metadata: PatternMetadata
    let markdown: String
    let html: String
}
