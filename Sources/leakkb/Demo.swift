import ArgumentParser
import Foundation
import LeakKBDemos
import LeakKBModel
import LeakKBSystem
import LeakKBTerminal

/// `leakkb demo SLUG`: builds and runs one demo, prints its figures and checks the claims.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build (cached) and run a pattern's demo, print its figures and check the article's claims.",
        discussion: """
            Each variant runs under a timeout and a memory ceiling that cover every process it starts; \
            they all stop when leakkb stops. Exit status 1 when a claim fails.
            """
    )

    @OptionGroup var options: KnowledgeBaseOptions
    @Argument(help: "The pattern's slug, e.g. nil-map.") var slug: String
    @Option(help: "Run only this variant (leaky or fixed).") var variant: String?
    @Option(help: "Workload size passed to the demo as -scale.") var scale: Int?
    @Option(help: "Go toolchain to build with (default: LEAKKB_GO, .tools/go, go on PATH).") var go: String?
    @Option(help: "Seconds each variant may run.") var timeout: Double = 60
    @Option(
        help: ArgumentHelp(
            "Write each variant's goroutine dumps and heap profiles into DIR/<toolchain>/.",
            discussion: "E.g. DIR/go1.27.3/leaky-goroutine-debug2.txt; the files are listed in Demos/PROTOCOL.md.",
            valueName: "DIR")) var evidence: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        if let variant, Variant(rawValue: variant) == nil {
            throw ValidationError("--variant must be leaky or fixed")
        }
        if let scale, scale <= 0 { throw ValidationError("--scale must be positive") }
        if !(timeout > 0 && timeout <= 3600) { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        ChildProcessGroups.shared.installSignalHandlers()
        let knowledgeBase = try options.open()
        let variants = variant.flatMap(Variant.init(rawValue:)).map { [$0] } ?? Variant.allCases
        let report = try await knowledgeBase.runDemo(
            slug, on: try await knowledgeBase.toolchain(go), variants: variants,
            scale: scale, timeout: .milliseconds(Int(timeout * 1000)),
            evidence: evidence.map { KnowledgeBaseRoot.absolute($0, from: KnowledgeBaseRoot.workingDirectory) }
        ) {
            Output.progress($0)
        }
        if json { try Output.json(report) } else { Output.line(DemoTable(style: Output.style).render(report)) }
        if !report.passed { throw ExitCode(1) }
    }
}
