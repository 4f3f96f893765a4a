import LeakKBModel
/// One line a demo prints on stdout (DESIGN.md, "Demo protocol"), checked as
/// it is read, so that whatever is recorded can be rendered: a snapshot of
/// figures before or after the workload, or a recovered panic.
///
/// `variant`, `phase`, `event` and `message` are strings; every other field
/// is a figure: a name of ASCII letters, digits and `_`, and a JSON number of magnitude at most
/// 2^53. Every integer up to that bound is exact in a `Double`, so counts and
/// byte sizes (8 PiB) are never rounded, and any figure converts to `Int`;
/// beyond it a value is a demo's bug, not a measurement.
package enum FigureLine: Equatable {
    package enum Phase: String { case before, after }

    case figures(Phase, [String: Double])
    case panic(message: String)

    package static let bound = 9_007_199_254_740_992.0  // 2^53
    package static let textFields: Set<String> = ["variant", "phase", "event", "message"]

    package init(_ bytes: some Collection<UInt8>, variant: String) throws(FlatJSONObject.Problem) {
        typealias Problem = FlatJSONObject.Problem
        var texts: [String: String] = [:]
        var figures: [String: Double] = [:]
        var seen: Set<String> = []
        for (key, value) in try FlatJSONObject(parsing: bytes).members {
            guard seen.insert(key).inserted else { throw Problem("\"\(key.clipped)\" appears twice") }
            if Self.textFields.contains(key) {
                guard case .string(let text) = value else { throw Problem("\"\(key)\" must be a string") }
                texts[key] = text
            } else {
                figures[key] = try Self.figure(key, value)
            }
        }
        guard let named = texts["variant"] else { throw Problem("no \"variant\"") }
        guard named == variant else { throw Problem("\"variant\" is \"\(named.clipped)\" in the \(variant) run") }
        switch (texts["phase"], texts["event"]) {
        case (let phase?, nil):
            guard let phase = Phase(rawValue: phase) else {
                throw Problem("\"phase\" is \"\(phase.clipped)\"; it must be before or after")
            }
            if texts["message"] != nil { throw Problem("a \(phase) line carries no \"message\"") }
            self = .figures(phase, figures)
        case (nil, let event?):
            guard event == "panic" else { throw Problem("unknown event \"\(event.clipped)\"; the one event is panic") }
            if let name = figures.keys.min() {
                throw Problem("figure \"\(name)\" on a panic line; figures belong on before and after lines")
            }
            self = .panic(message: texts["message"] ?? "panic")
        case (nil, nil): throw Problem("neither \"phase\" nor \"event\"")
        case (_?, _?): throw Problem("both \"phase\" and \"event\"")
        }
    }

    private static func figure(_ name: String, _ value: FlatJSONObject.Value) throws(FlatJSONObject.Problem) -> Double {
        typealias Problem = FlatJSONObject.Problem
        guard !name.isEmpty, name.utf8.count <= 64,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { throw Problem("figure name \"\(name.clipped)\" must be letters, digits and _ (at most 64)") }
        switch value {
        case .number(let number, let written):
            guard number.isFinite, abs(number) <= bound else {
                throw Problem("figure \"\(name)\" is \(written.clipped), outside ±2^53 (±9007199254740992)")
            }
            return number
        case .string(let text): throw Problem("figure \"\(name)\" is the string \"\(text.clipped)\", not a number")
        case .bool(let flag): throw Problem("figure \"\(name)\" is \(flag), not a number")
        case .null: throw Problem("figure \"\(name)\" is null, not a number")
        }
    }

    /// Reads a variant's whole stdout into `run`. Any bad line fails the
    /// run with the demo, variant, line number, a clipped copy of the line
    /// and what is wrong with it, so nothing half-read is ever recorded.
    package static func read(_ output: [UInt8], into run: inout VariantRun, slug: String) throws(DemoError) {
        var first: [String: Int] = [:]
        for (offset, line) in output.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            let number = offset + 1
            func failure(_ problem: String) -> DemoError {
                .badFigureLine(
                    slug: slug, variant: run.variant.rawValue, line: number,
                    text: String(decoding: line, as: UTF8.self), problem: problem)
            }
            let parsed: FigureLine
            do {
                parsed = try FigureLine(line, variant: run.variant.rawValue)
            } catch {
                throw failure(error.text)
            }
            let kind =
                switch parsed {
                case .figures(let phase, _): phase.rawValue
                case .panic: "panic"
                }
            if let earlier = first[kind] { throw failure("a second \(kind) line (the first is line \(earlier))") }
            first[kind] = number
            switch parsed {
            case .figures(.before, let figures): run.before = figures
            case .figures(.after, let figures): run.after = figures
            case .panic(let message): run.panic = message
            }
        }
    }
}
