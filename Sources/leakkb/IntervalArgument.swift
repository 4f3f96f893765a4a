import ArgumentParser

/// A time between two snapshots as written on the command line: `10s`,
/// `500ms`, `2m` (Go's spellings; a bare number is seconds).
struct IntervalArgument: ExpressibleByArgument, Sendable {
    let duration: Duration

    init(duration: Duration) { self.duration = duration }

    init?(argument: String) {
        let units: [(suffix: String, milliseconds: Int)] = [("ms", 1), ("s", 1000), ("m", 60_000)]
        let unit = units.first { argument.hasSuffix($0.suffix) } ?? ("", 1000)
        guard let value = Int(argument.dropLast(unit.suffix.count)), value >= 0,
            case let (total, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds), !overflow,
            total <= 3_600_000
        else { return nil }
        duration = .milliseconds(total)
    }

    var defaultValueDescription: String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
