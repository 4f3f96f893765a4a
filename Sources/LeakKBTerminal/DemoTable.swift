import LeakKBModel
/// The terminal view of a demo report: a figures table per variant, the
/// leaky/fixed ratios, and every claim with ✓/✗. In the library rather than
/// the command so that tests can feed it any figures.
package struct DemoTable: Sendable {
    package let style: TerminalStyle

    package init(style: TerminalStyle) { self.style = style }

    package static let builtIn: Set<String> = Set(Figure.known.map(\.name))

    package func render(_ report: DemoReport) -> String {
        var lines: [String] = []
        let build = report.cached ? "cached build" : "fresh build"
        lines.append(style.bold("\(report.slug)") + style.dim(" · \(report.toolchain) · \(build)"))
        for run in [report.figures.leaky, report.figures.fixed].compactMap({ $0 }) {
            lines.append("")
            lines.append(
                style.bold(run.variant.rawValue)
                    + style.dim(" (\(run.exitStatus), \(Quantity.oneDecimal(run.seconds)) s)"))
            if let panic = run.panic { lines.append("  panic: " + style.red(panic)) }
            guard let before = run.before, let after = run.after else { continue }
            let extras = after.keys.filter { !Self.builtIn.contains($0) && !["variant", "phase"].contains($0) }.sorted()
            let leaked = after["leaked_goroutines"] != nil ? ["leaked_goroutines"] : []
            // The figures the claims read first, as on the site; then the usual ones and the demo's own.
            let claims = report.claims.compactMap { try? Claim($0.claim) }
            let shown = Figure.shown(
                claims: claims, observations: [], defaults: Figure.table + leaked + extras,
                recorded: Set(before.keys).union(after.keys).union(Figure.table))
            lines.append(Self.row("figure", "before", "after", "delta"))
            for metric in shown.map(\.name) {
                let start = before[metric], end = after[metric]
                let delta = start.flatMap { s in end.map { $0 - s } }
                lines.append(
                    Self.row(
                        metric, start.map { Quantity.format($0, metric: metric) } ?? "–",
                        end.map { Quantity.format($0, metric: metric) } ?? "–",
                        delta.map { ($0 > 0 ? "+" : "") + Quantity.format($0, metric: metric) } ?? "–"))
            }
        }
        let ratios = ratioLines(report.figures)
        if !ratios.isEmpty {
            lines.append("")
            lines.append(style.bold("leaky / fixed after GC"))
            lines += ratios
        }
        lines.append("")
        let claims = report.claims.filter { $0.role == .claim }
        let observations = report.claims.filter { $0.role == .observation }
        for (title, results) in [
            ("claims", claims), ("observations (measured, need not tell leaky from fixed)", observations),
        ]
        where !results.isEmpty {
            lines.append(style.bold(title))
            for result in results {
                let mark =
                    switch result.status {
                    case .passed: result.swapProblem == nil ? style.green("✓") : style.red("✗")
                    case .failed: style.red("✗")
                    case .notApplicable: style.dim("–")
                    case .notMeasured: style.yellow("?")
                    }
                lines.append("  \(mark) \(result.claim)")
                lines.append("      " + style.dim(result.detail))
                if let problem = result.swapProblem { lines.append("      " + style.red("swap test: ") + problem) }
            }
        }
        if let problem = report.discriminationProblem {
            lines.append("  " + style.red("✗ swap test: ") + problem)
        } else if report.figures.leaky != nil, report.figures.fixed != nil,
            claims.contains(where: { $0.status == .passed }), claims.allSatisfy({ $0.swapProblem == nil })
        {
            lines.append("  " + style.green("✓") + " swap test: each claim fails with leaky and fixed swapped")
        }
        lines.append("")
        lines.append(
            report.passed
                ? style.green("PASS") + " \(report.slug) on \(report.toolchain)"
                : style.red("FAIL") + " \(report.slug) on \(report.toolchain)")
        return lines.joined(separator: "\n")
    }

    package func ratioLines(_ figures: DemoFigures) -> [String] {
        guard let leaky = figures.leaky?.after, let fixed = figures.fixed?.after else { return [] }
        return Figure.chart.compactMap { metric in
            guard let l = leaky[metric], let f = fixed[metric], f > 0 else { return nil }
            return Self.row(metric, "\(Quantity.oneDecimal(l / f))×")
        }
    }

    /// A figure's name and its values, right-aligned in their columns.
    package static func row(_ name: String, _ values: String...) -> String {
        "  " + name.padded(20) + values.map { $0.padded(12, left: true) }.joined()
    }

    /// The one figure that best shows a demo's effect, for summary tables.
    package static func keyRatio(_ figures: DemoFigures) -> String {
        guard let leaky = figures.leaky, let fixed = figures.fixed else { return "–" }
        if let l = leaky.delta?["goroutines"], let f = fixed.delta?["goroutines"], l - f >= 10 {
            return "+\(Quantity.number(l)) vs +\(Quantity.number(f)) goroutines"
        }
        if let l = leaky.delta?["open_fds"], let f = fixed.delta?["open_fds"], l - f >= 10 {
            return "+\(Quantity.number(l)) vs +\(Quantity.number(f)) fds"
        }
        if let l = leaky.after?["heap_inuse"], let f = fixed.after?["heap_inuse"], f > 0, l / f >= 2 || f / l >= 2 {
            return "heap \(Quantity.oneDecimal(l / f))×"
        }
        if let panic = leaky.panic { return "panic: \(panic.prefix(30))" }
        return "–"
    }
}

extension String {
    fileprivate func padded(_ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - count))
        return left ? fill + self : self + fill
    }
}
