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
    private var draft = GoroutineDraft()
    private var reading = false
    /// A function line whose location line has not come yet.
    private var pending: PendingFrame?
    /// A malformed header, reported only if another line follows it.
    private var cutHeader: EvidenceError?
    private var lastLine = 0

    package init(name: String, format: EvidenceFormat? = nil) {
        self.name = name
        self.format = format
        forced = format != nil
    }

    /// Reads every line of `reader`, handing each goroutine to `emit`.
    mutating func read(
        _ reader: inout LineReader, emit: (GoroutineDraft) -> Void
    ) throws(EvidenceError) {
        while try reader.nextLine({ (line) throws(EvidenceError) in try feed(line, emit: emit) }) != nil {
            lastLine = reader.lineNumber
        }
        try finish(emit: emit)
    }

    private mutating func feed(_ raw: LineBytes, emit: (GoroutineDraft) -> Void) throws(EvidenceError) {
        if let cutHeader { throw cutHeader }
        let line = lastLine + 1
        // goleak's report comes indented inside test output; Go's own lines never start with a space.
        let text = raw.drop { $0 == UInt8(ascii: " ") }
        if format == nil {
            if text.hasPrefix("goroutine profile: total ") {
                format = .goroutineProfile
            } else if text.range(of: "found unexpected goroutines") != nil {
                format = .goleak
                return
            } else if Header(text) != nil {
                format = .goroutineDump
            } else {
                return
            }
        }
        if format == .goroutineProfile {
            try feedProfile(text, line: line, emit: emit)
        } else {
            feedDump(text, line: line, emit: emit)
        }
    }

    /// Hands over the last goroutine; an input with none is an error.
    private mutating func finish(emit: (GoroutineDraft) -> Void) throws(EvidenceError) {
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

    private mutating func feedDump(_ text: LineBytes, line: Int, emit: (GoroutineDraft) -> Void) {
        if text.hasPrefix("goroutine "), let digit = text.dropFirst(10).first,
            digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9")
        {
            flush(emit)
            guard let header = Header(text) else {
                let shown = text.prefix(80).string
                let example = "'goroutine 7 [chan send]:'"
                cutHeader = EvidenceError(
                    name, line: line, "expected a goroutine header such as \(example), found '\(shown)'")
                return
            }
            let at = draft.begin(header: text, line: line) - text.startIndex
            draft.id = header.id
            draft.state = header.wait.state.shifted(by: at)
            draft.minutes = header.wait.minutes
            draft.lockedToThread = header.wait.lockedToThread
            draft.labels = header.labels?.shifted(by: at)
            reading = true
            return
        }
        if format == .goleak, text.hasPrefix("[Goroutine ") || text.hasPrefix("Goroutine "),
            text.range(of: " in state ") != nil
        {
            flush(emit)  // goleak's own line above each stack says nothing the stack does not
            return
        }
        guard reading else { return }
        if text.first == UInt8(ascii: "\t") {
            let at = draft.append(text, line: line) - text.startIndex
            guard var pending else { return }
            let path = text.dropFirst()
            var location = path.prefix { $0 != UInt8(ascii: " ") }
            if format == .goleak, location.last == UInt8(ascii: "]") { location = location.dropLast() }
            pending.frame.location = location.span.shifted(by: at)
            settle(pending)
            self.pending = nil
        } else if text.isEmpty {
            flush(emit)
        } else if text.hasPrefix("created by ") {
            settlePending()
            var creator = text.dropFirst(11)
            if let cut = creator.range(of: " in goroutine ") {
                draft.creatorGoroutine = creator[cut.upperBound...].digitPrefix.decimal
                creator = creator[..<cut.lowerBound]
            }
            let at = draft.append(text, line: line) - text.startIndex
            pending = PendingFrame(frame: .init(function: creator.span.shifted(by: at), line: line), isCreator: true)
        } else if text.hasPrefix("...") {
            draft.append(text, line: line)
        } else if let function = Self.function(text) {
            settlePending()
            let at = draft.append(text, line: line) - text.startIndex
            pending = PendingFrame(frame: .init(function: function.shifted(by: at), line: line), isCreator: false)
        } else {
            flush(emit)  // the dump is over: what follows is someone else's text
        }
    }

    /// `goroutine 7 [chan send, 3 minutes]:`, `goroutine 0 gp=0x… m=0 [idle]:`,
    /// with labels, if any, between the brackets and the colon.
    private struct Header {
        let id: Int
        let wait: WaitState.Ranges
        let labels: Range<Int>?

        init?(_ text: LineBytes) {
            guard text.hasPrefix("goroutine ") else { return nil }
            let rest = text.dropFirst(10)
            guard let id = rest.digitPrefix.decimal, let open = rest.firstIndex(of: UInt8(ascii: "[")),
                let close = rest.firstIndex(of: UInt8(ascii: "]"), from: open)
            else { return nil }
            let tail = rest[(close + 1)...].trimmingSpaces
            guard tail.last == UInt8(ascii: ":") else { return nil }
            let labels = tail.dropLast().trimmingSpaces
            self.id = id
            wait = WaitState.Ranges(bracketed: rest[(open + 1)..<close])
            self.labels = labels.isEmpty ? nil : labels.span
        }
    }

    /// The function a frame line calls, without its arguments: the line
    /// must end in the argument list's closing parenthesis.
    private static func function(_ text: LineBytes) -> Range<Int>? {
        guard text.last == UInt8(ascii: ")") else { return nil }
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index -= 1
            switch text[index] {
            case UInt8(ascii: ")"): depth += 1
            case UInt8(ascii: "("):
                depth -= 1
                if depth == 0 {
                    let name = text[..<index]
                    return name.isEmpty || name.contains(UInt8(ascii: " ")) ? nil : name.span
                }
            default: break
            }
        }
        return nil
    }

    private struct PendingFrame {
        var frame: GoroutineDraft.FrameRange
        let isCreator: Bool
    }

    private mutating func settle(_ pending: PendingFrame) {
        if pending.isCreator { draft.creator = pending.frame } else { draft.frames.append(pending.frame) }
    }

    /// A function whose location line never came (a cut-off input) still counts.
    private mutating func settlePending() {
        guard let pending else { return }
        settle(pending)
        self.pending = nil
    }

    private mutating func flush(_ emit: (GoroutineDraft) -> Void) {
        settlePending()
        guard reading else { return }
        reading = false
        if format == .goroutineProfile {
            draft.inferredState = WaitState.inferred(from: draft.frames.prefix(8).map { draft.text($0.function) })
        }
        goroutines = goroutines.addingClamped(draft.count)
        emit(draft)
    }

    // MARK: - debug=1 profiles

    private mutating func feedProfile(
        _ text: LineBytes, line: Int, emit: (GoroutineDraft) -> Void
    ) throws(EvidenceError) {
        if declaredTotal == nil {
            if text.isEmpty { return }
            guard text.hasPrefix("goroutine profile: total "), let total = text.dropFirst(25).trimmingSpaces.decimal
            else {
                throw EvidenceError(
                    name, line: line, "expected 'goroutine profile: total N' (a debug=1 goroutine profile)")
            }
            declaredTotal = total
            return
        }
        if text.isEmpty {
            flush(emit)
        } else if let at = text.range(of: " @ "), let count = text[..<at.lowerBound].decimal {
            flush(emit)
            _ = draft.begin(header: text, line: line)
            draft.count = count
            reading = true
        } else if text.first == UInt8(ascii: "#"), reading {
            let at = draft.append(text, line: line) - text.startIndex
            if text.hasPrefix("# labels:") {
                draft.labels = text.dropFirst(9).trimmingSpaces.span.shifted(by: at)
                return
            }
            let fields = text.split(separator: UInt8(ascii: "\t"))
            guard fields.count >= 4 else {
                throw EvidenceError(name, line: line, "expected '#<tab>ADDRESS<tab>FUNCTION+OFFSET<tab>FILE:LINE'")
            }
            var function = fields[2]
            if let plus = function.lastIndex(of: UInt8(ascii: "+")) { function = function[..<plus] }
            draft.frames.append(
                .init(function: function.span.shifted(by: at), location: fields[3].span.shifted(by: at), line: line)
            )
        } else {
            throw EvidenceError(
                name, line: line, "expected 'COUNT @ ADDRESSES', a '#' frame line under it, or a blank line")
        }
    }
}

extension Range<Int> {
    /// The same range in a buffer where the line starts `offset` further on.
    func shifted(by offset: Int) -> Range<Int> {
        (lowerBound + offset)..<(upperBound + offset)
    }
}

extension Int {
    /// The sum, held at `Int.max` rather than trapping: counts come from the input.
    func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
