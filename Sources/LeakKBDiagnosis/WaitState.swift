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

    /// Reads the text between a header's brackets; other qualifiers are kept out of the state.
    package init(bracketed text: Substring) {
        var parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        let state = parts.isEmpty ? "" : parts.removeFirst()
        var minutes = 0
        var locked = false
        for part in parts {
            if part == "locked to thread" {
                locked = true
            } else if part.hasSuffix(" minutes") || part.hasSuffix(" minute"),
                let value = Int(part.prefix { $0.isNumber })
            {
                minutes = value
            }
        }
        self.init(state: state, minutes: minutes, lockedToThread: locked)
    }

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

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    package var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
