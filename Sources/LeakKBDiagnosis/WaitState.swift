/// What a goroutine dump says between a header's brackets:
/// `chan send, 15 minutes, locked to thread`.
package struct WaitState: Sendable, Hashable, Codable {
    /// `chan send`, `chan receive (nil chan)`, `select (no cases)`, `sync.WaitGroup.Wait`.
    package let state: String
    /// The wait the runtime prints once a goroutine has waited a minute or more.
    package let minutes: Int
    package let lockedToThread: Bool

    package init(state: String, minutes: Int = 0, lockedToThread: Bool = false) {
        self.state = state
        self.minutes = minutes
        self.lockedToThread = lockedToThread
    }

    /// The text between a header's brackets as read from a dump's bytes:
    /// where the state lies, and the qualifiers that are kept out of it.
    struct Ranges {
        var state: Range<Int>
        var minutes = 0
        var lockedToThread = false

        init(bracketed text: LineBytes) {
            var parts = text.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)[...]
            state = parts.popFirst()?.trimmingSpaces.span ?? text.startIndex..<text.startIndex
            for part in parts.lazy.map(\.trimmingSpaces) {
                if part.elementsEqual("locked to thread".utf8) {
                    lockedToThread = true
                } else if part.hasSuffix(" minutes") || part.hasSuffix(" minute") {
                    if let value = part.digitPrefix.decimal { minutes = min(value, WaitState.longestWait) }
                }
            }
        }
    }

    /// A wait past this many minutes (about 190 years) is read as this
    /// long, so that arithmetic on it cannot overflow.
    static let longestWait = 100_000_000

    /// Whether a signature's state names this one: the same words, or the
    /// same before a parenthesised detail (`chan receive` names
    /// `chan receive (nil chan)`). Case is ignored.
    package func isNamed(by name: String) -> Bool {
        let own = state.lowercased()
        let name = name.lowercased()
        return own == name || own.hasPrefix(name + " (")
    }

    /// The state a `debug=1` profile leaves out, read from the functions at
    /// the top of the stack that park a goroutine; "" when none does.
    package static func inferred(from functions: [String]) -> String {
        for function in functions.prefix(8) {
            for (prefix, state) in parkingFunctions where function.hasPrefix(prefix) { return state }
        }
        return ""
    }

    /// Where a goroutine parks, in the order a stack names them, and the
    /// state a dump prints for each (the Go 1.22 spelling where they differ:
    /// a signature lists both).
    private static let parkingFunctions: [(String, String)] = [
        ("runtime.chansend", "chan send"), ("runtime.chanrecv", "chan receive"),
        ("runtime.block", "select (no cases)"), ("runtime.selectgo", "select"),
        ("sync.runtime_SemacquireWaitGroup", "sync.WaitGroup.Wait"), ("sync.(*WaitGroup).Wait", "semacquire"),
        ("sync.runtime_SemacquireRWMutexR", "sync.RWMutex.RLock"),
        ("sync.runtime_SemacquireRWMutex", "sync.RWMutex.Lock"),
        ("internal/sync.runtime_SemacquireMutex", "sync.Mutex.Lock"),
        ("sync.runtime_SemacquireMutex", "sync.Mutex.Lock"),
        ("sync.runtime_notifyListWait", "sync.Cond.Wait"), ("time.Sleep", "sleep"),
        ("internal/poll.runtime_pollWait", "IO wait"), ("syscall.Syscall", "syscall"),
        ("syscall.RawSyscall", "syscall"),
    ]
}
