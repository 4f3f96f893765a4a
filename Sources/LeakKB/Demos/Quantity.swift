/// Human units for figures: bytes as KiB/MiB/GiB, counts as plain numbers.
public enum Quantity {
    public static func isBytes(_ metric: String) -> Bool {
        ["heap_alloc", "heap_inuse", "total_alloc", "sys"].contains(metric) || metric.hasSuffix("_bytes")
    }

    public static func format(_ value: Double, metric: String) -> String {
        if metric.hasSuffix("_kib") { return bytes(value * 1024) }
        return isBytes(metric) ? bytes(value) : number(value)
    }

    public static func bytes(_ value: Double) -> String {
        let magnitude = abs(value)
        for (unit, scale) in [("GiB", 1_073_741_824.0), ("MiB", 1_048_576.0), ("KiB", 1024.0)] where magnitude >= scale {
            return "\(oneDecimal(value / scale)) \(unit)"
        }
        return "\(Int(value)) B"
    }

    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : oneDecimal(value)
    }

    public static func oneDecimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10)
        let fraction = abs(Int(tenths) % 10)
        return (value < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }
}
