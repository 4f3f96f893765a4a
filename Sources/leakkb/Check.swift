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
            Without --demos it checks front matter, tags, links, sections and the grammar of every claim. \
            With --demos it runs every demo on every bootstrapped toolchain (.tools/go, .tools/go1.22), or on \
            --go PATH only, and fails if any claim fails or if a leak's claims still hold with leaky and fixed swapped.

            Each run also writes its evidence into .leakkb/evidence/<slug>/<toolchain>/ and diagnoses each \
            variant's goroutine dump and goroutine profile. It fails, naming the demo, when the leaky variant's \
            evidence of a pattern with signatures for it does not name that pattern first (first place may be \
            shared with patterns the evidence cannot tell apart from it), when the fixed variant's names its \
            own pattern at a score of 0.75 or more, or when precision over the catalogue falls below 0.5 or \
            recall below 1.0 on a toolchain (README.md, "check").
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
        var cases: [EvidenceCase] = []
        for toolchain in toolchains {
            for pattern in patterns {
                let (row, report, diagnosed) = await check(pattern.slug, on: toolchain, in: knowledgeBase)
                rows.append(row)
                cases += diagnosed
                if let report { reports.append(report) }
            }
        }
        let scorecard = DiagnosisScorecard(cases)
        if json { try Output.json(reports) } else { printSummary(rows) }
        // With --json, stdout holds only the reports.
        printScorecard(scorecard, to: json ? Output.progress : Output.line)
        if rows.contains(where: { !$0.passed }) || !scorecard.passed { throw ExitCode(1) }
    }

    private func check(
        _ slug: String, on toolchain: Toolchain, in knowledgeBase: KnowledgeBase
    ) async -> (Row, DemoReport?, [EvidenceCase]) {
        let started = ContinuousClock.now
        Output.progress("[\(toolchain.version)] \(slug)")
        do {
            let (report, cases) = try await knowledgeBase.runDemoDiagnosingEvidence(
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
                    seconds: (ContinuousClock.now - started).seconds), report, cases
            )
        } catch {
            Output.error("\(error)")
            return (
                Row(
                    slug: slug, toolchain: toolchain.version.description, verdict: "ERROR", keyFigure: "–",
                    seconds: (ContinuousClock.now - started).seconds), nil, []
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

    /// The precision/recall table of the diagnoses, then every broken rule.
    private func printScorecard(_ scorecard: DiagnosisScorecard, to write: (String) -> Void) {
        let style = Output.style
        let ratio = { (value: Double?) in value.map(EvidenceRules.decimal) ?? "–" }
        write("")
        write("diagnose on the demos' evidence (first \(scorecard.rules.top) names of each goroutine dump and profile)")
        write(
            ["go".padding(9), "TP".padding(4), "FP".padding(4), "FN".padding(4), "precision", "recall", "unsigned"]
                .joined(separator: "  "))
        for row in scorecard.rows {
            let cells = [
                row.toolchain.padding(9), String(row.truePositives).padding(4), String(row.falsePositives).padding(4),
                String(row.falseNegatives).padding(4), ratio(row.precision).padding(9), ratio(row.recall).padding(6),
                String(row.unsigned.count),
            ]
            write(cells.joined(separator: "  "))
        }
        for row in scorecard.rows {
            if !row.unsigned.isEmpty { write("unsigned on \(row.toolchain): \(row.unsigned.joined(separator: ", "))") }
            for wrong in row.wrongNames { write("wrong name: \(wrong)") }
        }
        write(
            "thresholds: precision >= \(EvidenceRules.decimal(scorecard.rules.minimumPrecision)), "
                + "recall >= \(EvidenceRules.decimal(scorecard.rules.minimumRecall))")
        for failure in scorecard.failures { write(style.red("FAIL ") + failure) }
    }
}
