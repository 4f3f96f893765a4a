import LeakKBProfiles

/// The goroutine a dump is showing, as the parser reads it: its lines'
/// bytes and where each part lies in them. One draft is reused for every
/// goroutine, so reading one allocates nothing; a `GoroutineRecord`, with
/// its strings, is made only for the first goroutine of each group.
struct GoroutineDraft {
    /// A function and its location, as ranges of `bytes`.
    struct FrameRange {
        var function: Range<Int>
        /// Empty until the location line comes, and when it never does.
        var location: Range<Int> = 0..<0
        var line: Int
    }

    /// A line's number in the input and where it lies in `bytes`.
    struct LineRange {
        let line: Int
        let range: Range<Int>
    }

    private(set) var bytes: [UInt8] = []
    private(set) var lines: [LineRange] = []
    var frames: [FrameRange] = []
    var creator: FrameRange?
    /// The goroutine that started it (`created by … in goroutine N`), where the dump says.
    var creatorGoroutine: Int?
    var id: Int?
    var count = 1
    var headerLine = 0
    var state: Range<Int> = 0..<0
    /// The state of a `debug=1` stack, which prints none: read from its frames.
    var inferredState: String?
    var minutes = 0
    var lockedToThread = false
    var labels: Range<Int>?

    /// Starts the next goroutine at its header line; returns where the line starts in `bytes`.
    mutating func begin(header: LineBytes, line: Int) -> Int {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        creator = nil
        creatorGoroutine = nil
        id = nil
        count = 1
        headerLine = line
        state = 0..<0
        inferredState = nil
        minutes = 0
        lockedToThread = false
        labels = nil
        return append(header, line: line)
    }

    /// Keeps a line of the goroutine; returns where it starts in `bytes`.
    @discardableResult
    mutating func append(_ text: LineBytes, line: Int) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: text)
        lines.append(LineRange(line: line, range: start..<bytes.count))
        return start
    }

    /// The parts that make its group, in `GroupKey(record)`'s order.
    func key(into key: inout GroupKey) {
        key.removeAll()
        bytes.withUnsafeBufferPointer { bytes in
            if let inferredState { key.append(inferredState) } else { key.append(bytes[state]) }
            key.append(flag: lockedToThread)
            key.append(count: frames.count)
            for frame in frames {
                key.append(bytes[frame.function])
                key.append(bytes[frame.location])
            }
            key.append(flag: creator != nil)
            if let creator {
                key.append(bytes[creator.function])
                key.append(bytes[creator.location])
            }
            key.append(flag: labels != nil)
            if let labels { key.append(bytes[labels]) }
        }
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The goroutine with its strings, to found a group.
    var record: GoroutineRecord {
        var record = GoroutineRecord(
            id: id, count: count,
            wait: WaitState(state: inferredState ?? text(state), minutes: minutes, lockedToThread: lockedToThread),
            labels: labels.map(text), frames: frames.map(frame), creator: creator.map(frame),
            creatorGoroutine: creatorGoroutine, headerLine: headerLine)
        record.text = lines.map { NumberedLine(line: $0.line, text: text($0.range)) }
        return record
    }

    private func frame(_ range: FrameRange) -> StackFrame {
        StackFrame(function: text(range.function), location: text(range.location), inputLine: range.line)
    }
}
