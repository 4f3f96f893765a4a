import LeakKBModel
/// An inline SVG bar chart of a demo run: for each key figure, the leaky
/// and fixed variants before and after the workload, labelled with units.
package enum Chart {
    package static let metrics: [(key: String, label: String)] = [
        ("heap_inuse", "heap in use"), ("heap_objects", "heap objects"), ("goroutines", "goroutines"),
        ("open_fds", "open fds"),
    ]

    /// The bar's fraction of the panel's height: negative values and NaN get
    /// the thinnest bar, infinity a full one (a recorded run is not always sane).
    package static func share(_ value: Double, of maximum: Double) -> Double {
        let share = value / maximum
        return share.isNaN ? 0 : min(max(share, 0), 1)
    }

    package static func svg(leaky: VariantRun?, fixed: VariantRun?, toolchain: String) -> String {
        let panelWidth = 210, height = 196, barWidth = 36, top = 40, base = 156
        let bars: [(label: String, css: String, run: VariantRun?, after: Bool)] = [
            ("leaky before", "leaky before", leaky, false), ("leaky after", "leaky", leaky, true),
            ("fixed before", "fixed before", fixed, false), ("fixed after", "fixed", fixed, true),
        ]
        var body = ""
        var described: [String] = []
        for (panel, metric) in metrics.enumerated() {
            let values = bars.map { bar in (bar.after ? bar.run?.after : bar.run?.before)?[metric.key] }
            let maximum = max(values.compactMap { $0 }.filter(\.isFinite).max() ?? 0, 1)
            let x0 = panel * panelWidth
            body += "<g transform=\"translate(\(x0),0)\">"
            body +=
                "<text x=\"\(panelWidth / 2)\" y=\"16\" text-anchor=\"middle\" font-weight=\"600\">\(metric.label)</text>"
            body += "<line class=\"axis\" x1=\"8\" x2=\"\(panelWidth - 8)\" y1=\"\(base)\" y2=\"\(base)\"/>"
            for (index, bar) in bars.enumerated() {
                let x = 12 + index * (barWidth + 12)
                guard let value = values[index] else { continue }
                let barHeight = max(1, Int(Double(base - top) * Self.share(value, of: maximum)))
                let text = Quantity.format(value, metric: metric.key)
                body +=
                    "<rect class=\"\(bar.css)\" x=\"\(x)\" y=\"\(base - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\"><title>\(bar.label): \(text)</title></rect>"
                // Values alternate between two rows so neighbouring labels never overlap.
                let labelY = base - barHeight - 4 - (index % 2 == 1 && barHeight < 24 ? 12 : 0)
                body +=
                    "<text x=\"\(x + barWidth / 2)\" y=\"\(labelY)\" text-anchor=\"middle\" font-size=\"9\">\(text.htmlEscaped)</text>"
                body +=
                    "<text x=\"\(x + barWidth / 2)\" y=\"\(base + 14)\" text-anchor=\"middle\" font-size=\"10\">\(bar.label.split(separator: " ")[0].prefix(1))\(bar.after ? "↑" : "·")</text>"
            }
            body += "</g>"
            let parts = zip(bars, values).map {
                "\($0.label) \($1.map { Quantity.format($0, metric: metric.key) } ?? "not measured")"
            }
            described.append("\(metric.label): " + parts.joined(separator: ", "))
        }
        let width = metrics.count * panelWidth
        let legend =
            "<text x=\"8\" y=\"\(height - 6)\" font-size=\"11\">l = leaky, f = fixed; · before, ↑ after the workload and a forced GC. Measured on \(toolchain.htmlEscaped).</text>"
        return """
            <svg class="chart" role="img" aria-labelledby="chart-title-\(toolchain) chart-desc-\(toolchain)" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg">\
            <title id="chart-title-\(toolchain)">Leaky and fixed variants before and after, on \(toolchain.htmlEscaped)</title>\
            <desc id="chart-desc-\(toolchain)">\(described.joined(separator: "; ").htmlEscaped)</desc>\(body)\(legend)</svg>
            """
    }
}
