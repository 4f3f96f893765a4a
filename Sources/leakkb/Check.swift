import ArgumentParser
import Foundation
import LeakKB
import LeakKBCatalog
import LeakKBDemos
import LeakKBIndex
import LeakKBModel
import LeakKBTerminal

/// `leakkb check [--demos]`: validates every article; with --demos runs every demo on every toolchain.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every article; with --demos, run every demo and check every claim.",
        discussion: """
            Without --demos it checks front matter, tags, links, sections and the grammar of every claim.
            With --demos it runs every demo on every bootstrapped toolchain (.tools/go, .tools/go1.22), or on
            --go PATH only, and fails if any claim fails or if a leak's claims still hold with leaky and fixed swapped.
            """
    )

    @OptionGroup var options: KnowledgeBaseOptions
    @Flag(help: "Also build and run every demo and check its claims.") var demos = false
    @Option(help: "Run the demos with this Go only.") var go: String?
    @Option(help: "Only these patterns (comma-separated slugs).") var only: String?
    @Option(help: "Seconds each variant may run.") var timeout: Double = 60
    @Flag(help: "Print the demo reports as JSON.") var json = false

    /// One line of the summary table.
    struct Row {
        let slug: String
        let toolchain: String
        let verdict: String
        let keyFigure: String
        let seconds: Double
        var passed: Bool { verdict == "pass" }
    }

    func run() async throws {
        let root = options.resolvedRoot
        let catalog = try Catalog.load(root: root)
        let claims = catalog.patterns.reduce(0) { $0 + $1.claims.count }
        let withDemo = catalog.patterns.filter { $0.demo != nil }.count
        Output.progress(
            "\(catalog.patterns.count) articles, \(catalog.tags.count) tags, \(claims) claims, \(withDemo) demos: all valid"
        )
        guard demos else { return }

        ChildProcessGroups.shared.installSignalHandlers()
        let knowledgeBase = try options.open()
        let toolchains = try await knowledgeBase.toolchains(go)
        let patterns = try selectedPatterns(knowledgeBase.index)
        var rows: [Row] = []
        var reports: [DemoReport] = []
        for toolchain in toolchains {
            for pattern in patterns {
                let (row, report) = await check(pattern.slug, on: toolchain, in: knowledgeBase)
                rows.append(row)
                if let report { reports.append(report) }
            }
        }
        if json { try Output.json(reports) } else { printSummary(rows) }
        if rows.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    private func check(
        _ slug: String, on toolchain: Toolchain, in knowledgeBase: KnowledgeBase
    ) async -> (Row, DemoReport?) {
        let started = ContinuousClock.now
        Output.progress("[\(toolchain.version)] \(slug)")
        do {
            let report = try await knowledgeBase.runDemo(
                slug, on: toolchain, timeout: .milliseconds(Int(timeout * 1000)))
            if !report.passed && !json {
                Output.progress(DemoTable(style: TerminalStyle(enabled: false)).render(report))
            }
            let failed = report.claims.filter { $0.status == .failed }.count
            let swaps = report.claims.filter { $0.swapProblem != nil }.count
            let verdict =
                report.passed
                ? "pass"
                : failed > 0 ? "FAIL (\(failed) claims)" : swaps > 0 ? "FAIL (swap: \(swaps) claims)" : "FAIL (swap)"
            return (
                Row(
                    slug: slug, toolchain: toolchain.version.description, verdict: verdict,
                    keyFigure: DemoTable.keyRatio(report.figures),
                    seconds: (ContinuousClock.now - started).seconds), report
            )
        } catch {
            Output.error("\(error)")
            return (
                Row(
                    slug: slug, toolchain: toolchain.version.description, verdict: "ERROR", keyFigure: "–",
                    seconds: (ContinuousClock.now - started).seconds), nil
            )
        }
    }

    private func selectedPatterns(_ index: Index) throws -> [PatternMetadata] {
        let all = try index.patternsWithDemos()
        guard let only else { return all }
        let wanted = Set(only.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
        let missing = wanted.subtracting(all.map(\.slug))
        if !missing.isEmpty { throw CommandFailure.usage("no demo for: \(missing.sorted().joined(separator: ", "))") }
        return all.filter { wanted.contains($0.slug) }
    }

    private func printSummary(_ rows: [Row]) {
        let style = Output.style
        let width = max(7, rows.map(\.slug.count).max() ?? 0)
        let header: [String] = [
            "pattern".padding(width), "go".padding(9), "verdict".padding(16), "key figure".padding(34), "time",
        ]
        Output.line(header.joined(separator: "  "))
        for row in rows {
            let verdict = row.passed ? style.green(row.verdict.padding(16)) : style.red(row.verdict.padding(16))
            let cells: [String] = [
                row.slug.padding(width), row.toolchain.padding(9), verdict, row.keyFigure.padding(34),
                "\(Quantity.oneDecimal(row.seconds)) s",
            ]
            Output.line(cells.joined(separator: "  "))
        }
        let failed = rows.filter { !$0.passed }.count
        Output.line("\(rows.count - failed) passed, \(failed) failed")
    }
}
