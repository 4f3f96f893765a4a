import ArgumentParser
import LeakKBIndex

/// `leakkb index [--rebuild]`: brings the index up to date and says what changed.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Bring the index up to date with Content/ and print what changed.",
        discussion:
            "Every command does this by itself when Content/ changed; use this to see the changes or to --rebuild."
    )

    @OptionGroup var options: KnowledgeBaseOptions
    @Flag(help: "Re-read and re-write every article.") var rebuild = false
    @Flag(help: "Print the changes as JSON.") var json = false

    func run() async throws {
        let notice: @Sendable (String) -> Void = { Output.error($0) }
        let (index, changes) =
            rebuild
            ? try Index.rebuilt(root: options.resolvedRoot, path: options.db, notice: notice)
            : try Index.indexed(root: options.resolvedRoot, path: options.db, notice: notice)
        if json { return try Output.json(changes) }
        for slug in changes.added { Output.line("added    \(slug)") }
        for slug in changes.changed { Output.line("changed  \(slug)") }
        for slug in changes.removed { Output.line("removed  \(slug)") }
        Output.line(
            "\(changes.added.count) added, \(changes.changed.count) changed, \(changes.removed.count) removed, \(changes.unchanged) unchanged → \(index.path)"
        )
    }
}
