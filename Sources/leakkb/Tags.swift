import ArgumentParser

/// `leakkb tags`: every tag with its description and how many articles use it.
struct Tags: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags", abstract: "List tags with how many articles use each.")

    @OptionGroup var options: KnowledgeBaseOptions
    @Flag(help: "Print as JSON.") var json = false

    func run() async throws {
        let tags = try options.open().tags()
        if json { return try Output.json(tags) }
        let style = Output.style
        let width = tags.map(\.name.count).max() ?? 0
        for tag in tags {
            Output.line(
                "\(style.cyan(tag.name.padding(width)))  \(String(tag.count).leftPadded(3))  \(style.dim(tag.description))"
            )
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
