import LeakKBModel

/// Inline SVG charts of a demo run: one small panel per figure, a
/// horizontal bar for each variant before and after the workload. Each
/// bar has its own row, so no two labels can meet; a value that is missing
/// says why (crashed, not run, not recorded) instead of leaving a gap.
package enum Chart {
    package static let width = 320
    static let rowHeight = 24
    static let top = 30
    static let labelWidth = 86
    /// An upper bound of a 12px system-ui glyph's advance, to reserve room for values.
    static let glyphWidth = 7.4
    static let font = "font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,sans-serif\" font-size=\"12\""

    /// The bar's fraction of the panel's width: negative values and NaN get
    /// no bar, infinity a full one (a recorded run is not always sane).
    package static func share(_ value: Double, of maximum: Double) -> Double {
        let share = value / maximum
        return share.isNaN ? 0 : min(max(share, 0), 1)
    }

    /// One row of a panel: a variant in a phase, and its value or why it has none.
    package struct Slot: Sendable {
        package let label: String
        package let css: String
        package let value: Double?
        package let missing: String
    }

    /// The rows of `figure`'s panel. A figure that only `after` lines
    /// carry (`leaked_goroutines`) has no before rows.
    package static func slots(_ figure: Figure, leaky: VariantRun?, fixed: VariantRun?) -> [Slot] {
        func slot(_ run: VariantRun?, _ name: String, after: Bool) -> Slot {
            let phase = after ? run?.after : run?.before
            let missing =
                run == nil ? "not run" : phase == nil && run?.panic != nil ? "crashed" : "not recorded"
            return Slot(
                label: "\(name) \(after ? "after" : "before")", css: after ? name : "\(name) before",
                value: phase?[figure.name], missing: missing)
        }
        let all = [
            slot(leaky, "leaky", after: false), slot(leaky, "leaky", after: true),
            slot(fixed, "fixed", after: false), slot(fixed, "fixed", after: true),
        ]
        let before = [all[0], all[2]], after = [all[1], all[3]]
        let afterOnly =
            before.allSatisfy { $0.value == nil && $0.missing == "not recorded" } && after.contains { $0.value != nil }
        return afterOnly ? after : all
    }

    /// The panels of one run, in a grid that wraps on narrow screens.
    package static func html(figures: [Figure], leaky: VariantRun?, fixed: VariantRun?, toolchain: String) -> String {
        let panels = figures.map { panel($0, leaky: leaky, fixed: fixed, toolchain: toolchain) }
        return "<div class=\"charts\">\(panels.joined())</div>"
    }

    package static func panel(_ figure: Figure, leaky: VariantRun?, fixed: VariantRun?, toolchain: String) -> String {
        let slots = slots(figure, leaky: leaky, fixed: fixed)
        let texts = slots.map { slot in slot.value.map(figure.format) ?? slot.missing }
        let values = slots.compactMap(\.value).filter(\.isFinite)
        let maximum = values.max() ?? 0
        let equal = values.count > 1 && values.allSatisfy { $0 == values[0] }
        let widest = texts.map(\.count).max() ?? 0
        let barRoom = max(40, width - labelWidth - Int((Double(widest) * glyphWidth).rounded(.up)) - 8)
        let height = top + slots.count * rowHeight + (equal ? 20 : 6)
        let id = "chart-\(toolchain)-\(figure.name)".htmlEscaped
        var body = "<text x=\"0\" y=\"16\" font-weight=\"600\" font-size=\"13\">\(figure.label.htmlEscaped)</text>"
        for (row, slot) in slots.enumerated() {
            let y = top + row * rowHeight
            body += "<text x=\"0\" y=\"\(y + 12)\">\(slot.label)</text>"
            guard let value = slot.value else {
                body += "<text class=\"missing\" x=\"\(labelWidth)\" y=\"\(y + 12)\">\(slot.missing)</text>"
                continue
            }
            // All equal: bars of one length would only say "large"; the values say it all.
            let length = equal || maximum <= 0 ? 0 : Int((Double(barRoom) * share(value, of: maximum)).rounded())
            if length > 0 {
                body +=
                    "<rect class=\"\(slot.css)\" x=\"\(labelWidth)\" y=\"\(y + 1)\" width=\"\(length)\" height=\"14\"/>"
            }
            body +=
                "<text class=\"value\" x=\"\(labelWidth + length + 4)\" y=\"\(y + 12)\">\(figure.format(value).htmlEscaped)</text>"
        }
        body +=
            "<line class=\"axis\" x1=\"\(labelWidth)\" x2=\"\(labelWidth)\" y1=\"\(top - 4)\" y2=\"\(top + slots.count * rowHeight - 4)\"/>"
        if equal {
            body += "<text class=\"missing\" x=\"0\" y=\"\(height - 6)\">the same in every run</text>"
        }
        let described = zip(slots, texts).map { "\($0.label) \($1)" }.joined(separator: ", ")
        return """
            <svg class="chart" role="img" aria-labelledby="\(id)-t \(id)-d" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" \(font) xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-t">\(figure.label.htmlEscaped) (\(figure.name)) on \(toolchain.htmlEscaped)</title>\
            <desc id="\(id)-d">\(described.htmlEscaped)</desc>\(body)</svg>
            """
    }
}
