import LeakKBProfiles

/// Reads goroutine evidence line by line, whatever shape Go printed it in,
/// and hands over each goroutine (or each stack of a `debug=1` profile) as
/// soon as its last line is read, so nothing but the goroutine at hand is
/// held. Text before the first goroutine (a panic message, test output) and
/// after the last (`FAIL`, `exit status 2`, registers) is passed over; a
/// header that is cut off by the end of the input counts as truncation.
package struct GoroutineTextParser {
    package let name: String
    /// nil until the first line that tells the format (or forced).
    package private(set) var format: EvidenceFormat?
    package private(set) var goroutines = 0
    package private(set) var truncated = false
    /// `goroutine profile: total N`, when the input says it.
    package private(set) var declaredTotal: Int?

    private let forced: Bool
    private var current: GoroutineRecord?
    private var pending: (function: String, line: Int, isCreator: Bool)?
    /// A malformed header, reported only if another line follows it.
    private var cutHeader: EvidenceError?
    private var lastLine = 0

    package init(name: String, format: EvidenceFormat? = nil) {
        self.name = name
        self.format = format
        forced = format != nil
    }

    package mutating func feed(
        _ raw: String, line: Int, emit: (GoroutineRecord) -> Void
    ) throws(EvidenceError) {
        if let cutHeader { throw cutHeader }
        lastLine = line
        // goleak's report comes indented inside test output; Go's own lines never start with a space.
        let text = raw.drop { $0 == " " }
        if format == nil {
            if text.hasPrefix("goroutine profile: total ") {
                format = .goroutineProfile
            } else if text.contains("found unexpected goroutines") {
                format = .goleak
                return
            } else if Self.header(text) != nil {
                format = .goroutineDump
            } else {
                return
            }
        }
        if format == .goroutineProfile {
            try feedProfile(text, line: line, emit: emit)
        } else {
            try feedDump(text, line: line, emit: emit)
        }
    }

    /// Hands over the last goroutine; an input with none is an error.
    package mutating func finish(emit: (GoroutineRecord) -> Void) throws(EvidenceError) {
        if cutHeader != nil { truncated = true }
        flush(emit)
        guard goroutines > 0 else {
            if format == nil || (format == .goroutineProfile && declaredTotal == nil) {
                throw EvidenceError(
                    name, line: 1, "expected \(EvidenceFormat.expectation); found none in \(lastLine) lines")
            }
            if format == .goroutineProfile && declaredTotal == 0 { return }
            throw EvidenceError(name, line: max(lastLine, 1), "the input ends before its first goroutine's stack")
        }
    }

    // MARK: - Tracebacks and goleak

    private mutating func feedDump(_ text: Substring, line: Int, emit: (GoroutineRecord) -> Void) throws(EvidenceError)
    {
        if text.hasPrefix("goroutine "), text.dropFirst(10).first?.isNumber == true {
            flush(emit)
            guard let (id, wait, labels) = Self.header(text) else {
                cutHeader = EvidenceError(
                    name, line: line,
                    "expected a goroutine header such as 'goroutine 7 [chan send]:', found '\(text.prefix(80))'")
                return
            }
            current = GoroutineRecord(
                id: id, wait: wait, labels: labels, headerLine: line,
                text: [NumberedLine(line: line, text: String(text))])
            return
        }
        if format == .goleak, text.hasPrefix("[Goroutine ") || text.hasPrefix("Goroutine "), text.contains(" in state ")
        {
            flush(emit)  // goleak's own line above each stack says nothing the stack does not
            return
        }
        guard current != nil else { return }
        if text.hasPrefix("\t") {
            var location = text.dropFirst().prefix { $0 != " " }
            if format == .goleak, location.hasSuffix("]") { location = location.dropLast() }
            current?.text.append(NumberedLine(line: line, text: String(text)))
            guard let function = pending else { return }
            let frame = StackFrame(function: function.function, location: String(location), inputLine: function.line)
            if function.isCreator { current?.creator = frame } else { current?.frames.append(frame) }
            pending = nil
        } else if text.isEmpty {
            flush(emit)
        } else if text.hasPrefix("created by ") {
            settlePending()
            var creator = text.dropFirst(11)
            if let range = creator.range(of: " in goroutine ") { creator = creator[..<range.lowerBound] }
            pending = (String(creator), line, true)
            current?.text.append(NumberedLine(line: line, text: String(text)))
        } else if text.hasPrefix("...") {
            current?.text.append(NumberedLine(line: line, text: String(text)))
        } else if let function = Self.function(text) {
            settlePending()
            pending = (function, line, false)
            current?.text.append(NumberedLine(line: line, text: String(text)))
        } else {
            flush(emit)  // the dump is over: what follows is someone else's text
        }
    }

    /// `goroutine 7 [chan send, 3 minutes]:`, `goroutine 0 gp=0x… m=0 [idle]:`,
    /// with labels, if any, between the brackets and the colon.
    private static func header(_ text: Substring) -> (Int, WaitState, String?)? {
        guard text.hasPrefix("goroutine ") else { return nil }
        let rest = text.dropFirst(10)
        let digits = rest.prefix { $0.isNumber }
        guard let id = Int(digits), let open = rest.firstIndex(of: "["),
            let close = rest[open...].firstIndex(of: "]")
        else { return nil }
        let tail = rest[rest.index(after: close)...].trimmingSpaces
        guard tail.hasSuffix(":") else { return nil }
        let labels = tail.dropLast().trimmingSpaces
        return (id, WaitState(bracketed: rest[rest.index(after: open)..<close]), labels.isEmpty ? nil : labels)
    }

    /// The function a frame line calls, without its arguments: the line
    /// must end in the argument list's closing parenthesis.
    private static func function(_ text: Substring) -> String? {
        guard text.last == ")" else { return nil }
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            switch text[index] {
            case ")": depth += 1
            case "(":
                depth -= 1
                if depth == 0 {
                    let name = text[..<index]
                    return name.isEmpty || name.contains(" ") ? nil : String(name)
                }
            default: break
            }
        }
        return nil
    }

    /// A function whose location line never came (a cut-off input) still counts.
    private mutating func settlePending() {
        guard let function = pending else { return }
        let frame = StackFrame(function: function.function, location: "", inputLine: function.line)
        if function.isCreator { current?.creator = frame } else { current?.frames.append(frame) }
        pending = nil
    }

    private mutating func flush(_ emit: (GoroutineRecord) -> Void) {
        settlePending()
        guard var record = current else { return }
        current = nil
        if format == .goroutineProfile, record.wait.state.isEmpty {
            record.wait = WaitState(state: WaitState.inferred(from: record.frames.map(\.function)))
        }
        goroutines += record.count
        emit(record)
    }

    // MARK: - debug=1 profiles

    private mutating func feedProfile(
        _ text: Substring, line: Int, emit: (GoroutineRecord) -> Void
    ) throws(EvidenceError) {
        if declaredTotal == nil {
            if text.isEmpty { return }
            guard text.hasPrefix("goroutine profile: total "), let total = Int(text.dropFirst(25).trimmingSpaces)
            else {
                throw EvidenceError(
                    name, line: line, "expected 'goroutine profile: total N' (a debug=1 goroutine profile)")
            }
            declaredTotal = total
            return
        }
        if text.isEmpty {
            flush(emit)
        } else if let at = text.range(of: " @ "), let count = Int(text[..<at.lowerBound]) {
            flush(emit)
            current = GoroutineRecord(
                count: count, wait: WaitState(state: ""), headerLine: line,
                text: [NumberedLine(line: line, text: String(text))])
        } else if text.hasPrefix("#"), current != nil {
            current?.text.append(NumberedLine(line: line, text: String(text)))
            if text.hasPrefix("# labels:") {
                current?.labels = text.dropFirst(9).trimmingSpaces
                return
            }
            let fields = text.split(whereSeparator: { $0 == "\t" })
            guard fields.count >= 4 else {
                throw EvidenceError(name, line: line, "expected '#<tab>ADDRESS<tab>FUNCTION+OFFSET<tab>FILE:LINE'")
            }
            var function = fields[2]
            if let plus = function.lastIndex(of: "+") { function = function[..<plus] }
            current?.frames.append(StackFrame(function: String(function), location: String(fields[3]), inputLine: line))
        } else {
            throw EvidenceError(
                name, line: line, "expected 'COUNT @ ADDRESSES', a '#' frame line under it, or a blank line")
        }
    }
}
