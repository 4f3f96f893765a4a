import LeakKBProfiles

/// One goroutine as a dump shows it, or one stack of a `debug=1` profile
/// with the number of goroutines that share it.
package struct GoroutineRecord: Sendable {
    package var id: Int?
    package var count = 1
    package var wait: WaitState
    package var labels: String?
    package var frames: [StackFrame] = []
    package var creator: StackFrame?
    /// The id of the goroutine that started it, where the dump says (Go 1.21 and later).
    package var creatorGoroutine: Int?
    package var headerLine: Int
    /// The lines that show it, numbered, for the report's evidence; kept
    /// only for the first goroutine of each group.
    package var text: [NumberedLine] = []
}

/// A line of the input with its number.
package struct NumberedLine: Sendable, Hashable, Codable {
    package let line: Int
    package let text: String
}
