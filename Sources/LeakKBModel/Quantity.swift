/// Human units for figures: bytes as KiB…PiB, counts as plain numbers.
/// Total over every `Double`: the protocol reader bounds what a demo prints,
/// but ratios, products in claims and runs recorded by older builds are not
/// bounded, and a formatter that traps takes the whole server down with it.
package enum Quantity {
    /// `value` of the figure `metric` in its unit (see `Figure`).
    package static func format(_ value: Double, metric: String) -> String {
        Figure.named(metric).format(value)
    }

    package static let byteUnits: [(unit: String, scale: Double)] = [
        ("PiB", 0x1p50), ("TiB", 0x1p40), ("GiB", 0x1p30), ("MiB", 0x1p20), ("KiB", 0x1p10),
    ]

    package static func bytes(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        for (unit, scale) in byteUnits where abs(value) >= scale {
            return "\(oneDecimal(value / scale)) \(unit)"
        }
        return "\(Int(value)) B"
    }

    package static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < digitLimit ? String(Int(value)) : oneDecimal(value)
    }

    /// Magnitudes from here on are written with an exponent: their tenths
    /// would not fit an `Int`, and nobody reads sixteen digits anyway.
    package static let digitLimit = 1e15

    package static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        guard abs(value) < digitLimit else { return "\(value)" }
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10)
        let fraction = abs(Int(tenths) % 10)
        return (value < 0 && whole == 0 && tenths != 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : value < 0 ? "-∞" : "∞"
    }
}
