import ArgumentParser
import Foundation
import LeakKB

/// `--root` and `--db`, shared by every command that reads the index.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(help: "Knowledge-base root (default: LEAKKB_ROOT, the nearest parent with Content/ and Demos/, else leakkb's own checkout).")
    var root: String?

    @Option(help: "Index file (default: <root>/.leakkb/index.sqlite).")
    var db: String?

    var resolvedRoot: String {
        KnowledgeBaseRoot.resolve(explicit: root, environment: ProcessInfo.processInfo.environment,
                                  workingDirectory: KnowledgeBaseRoot.workingDirectory)
    }

    /// The index, refreshed first if `Content/` changed since it was built;
    /// `pooled` for commands that read from several threads at once.
    func openIndex(pooled: Bool = false) throws -> Index {
        let index = try Index(root: resolvedRoot, path: db, pooled: pooled)
        do {
            try index.refresh()
        } catch let failure as ValidationFailure {
            guard try index.hasPatterns() else { throw failure }
            // A bad edit should not take the whole knowledge base away: read
            // the last good index and say why it is stale.
            Output.error("Content/ has problems; using the last good index (run 'leakkb check'):\n\(failure)")
        }
        return index
    }
}
