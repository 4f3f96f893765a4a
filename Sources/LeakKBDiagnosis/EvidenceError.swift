import LeakKBModel

/// Evidence that cannot be read: each message names the input and, where
/// it can, the line and what was expected there. Always a usage error (exit
/// 2, HTTP 400 or 413): the input is what must change.
package struct EvidenceError: Failure, Equatable {
    package let description: String
    /// Whether the input was refused for its size rather than its content.
    package let isTooLarge: Bool

    package init(_ input: String, line: Int? = nil, _ message: String, isTooLarge: Bool = false) {
        description = "\(input): " + (line.map { "line \($0): " } ?? "") + message
        self.isTooLarge = isTooLarge
    }

    package var exitCode: Int32 { ExitStatus.usage }
    package var httpStatus: Int { isTooLarge ? 413 : 400 }
}
