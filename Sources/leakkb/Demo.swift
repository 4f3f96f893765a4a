import ArgumentParser
import LeakKB

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build and run a pattern's demo and check the article's claims.")

    @OptionGroup var options: KnowledgeBaseOptions
    @Argument(help: "The pattern's slug.") var slug: String

    func run() async throws {
        throw CommandFailure(message: "demo: not built yet")
    }
}
