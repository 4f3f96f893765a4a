import ArgumentParser
import Foundation
import LeakKB
import LeakKBDemos
import LeakKBModel

/// `leakkb export --out DIR`: the catalogue as a static site.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the catalogue as a static HTML site that works offline (file://) or on any static host.",
        discussion: """
            The site is written to a temporary directory beside --out and renamed into place; --out must be empty, missing, or an earlier export \
            (files in it that leakkb did not write, such as a CNAME, are kept; a symbolic link is followed and stays). \
            Over an earlier export, a page whose inputs (its article and those it names as related, its demo runs and demo source, \
            the templates, this build of leakkb) did not change is carried over without rendering; --full renders every page.
            """
    )

    @OptionGroup var options: KnowledgeBaseOptions
    @Option(help: "Directory to write the site to.") var out: String
    @Flag(help: "First run the demos of patterns that have no recorded run on the default Go.") var runDemos = false
    @Flag(help: "Render every page, even those whose inputs did not change since the previous export.") var full = false
    @Option(help: "Go toolchain for --run-demos.") var go: String?

    func run() async throws {
        // Pages render on every core, each reading the index.
        let knowledgeBase = try options.open(pooled: true)
        if runDemos { try await measureMissing(knowledgeBase) }
        let summary = try knowledgeBase.export(to: out, full: full) { Output.progress($0) }
        let target = summary.directory
        let unchanged = summary.files - summary.rendered
        if !summary.kept.isEmpty {
            let shown = summary.kept.prefix(10).joined(separator: ", ") + (summary.kept.count > 10 ? ", …" : "")
            Output.progress(
                "kept \(summary.kept.count) file\(summary.kept.count == 1 ? "" : "s") leakkb did not write: \(shown)")
        }
        Output.line(
            "wrote \(summary.files) files (\(Quantity.bytes(Double(summary.bytes))), \(summary.rendered) rendered, "
                + "\(unchanged) unchanged) to \(target); open \(target)/index.html")
    }

    private func measureMissing(_ knowledgeBase: KnowledgeBase) async throws {
        ChildProcessGroups.shared.installSignalHandlers()
        let toolchain = try await knowledgeBase.toolchain(go)
        for pattern in try knowledgeBase.unmeasured(on: toolchain) {
            do {
                _ = try await knowledgeBase.runDemo(pattern.slug, on: toolchain) { Output.progress($0) }
            } catch {
                Output.error("\(pattern.slug): \(error)")
            }
        }
    }
}
