import ArgumentParser
import Foundation
import LeakKB
import LeakKBIndex
import LeakKBSystem

/// `--root` and `--db`, shared by every command that reads the index.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(
        help:
            "Knowledge-base root (default: LEAKKB_ROOT, the nearest parent with Content/ and Demos/, else leakkb's own checkout)."
    )
    var root: String?

    @Option(help: "Index file (default: <root>/.leakkb/index.sqlite).")
    var db: String?

    var resolvedRoot: String {
        KnowledgeBaseRoot.resolve(
            explicit: root, environment: ProcessInfo.processInfo.environment,
            workingDirectory: KnowledgeBaseRoot.workingDirectory)
    }

    /// The knowledge base, its index refreshed first if `Content/` changed
    /// since it was built, or the last good one when it cannot be (each
    /// fallback said on stderr); `pooled` for commands that read from several
    /// threads at once.
    func open(pooled: Bool = false) throws -> KnowledgeBase {
        try KnowledgeBase.open(root: resolvedRoot, indexPath: db, pooled: pooled) { Output.error($0) }
    }
}
